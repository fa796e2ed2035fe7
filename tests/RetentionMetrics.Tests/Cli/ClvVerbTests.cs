using System.Globalization;
using System.Text.Json;
using RetentionMetrics.Cli;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Tests.Support;

namespace RetentionMetrics.Tests.Cli;

public class ClvVerbTests
{
    private static readonly string CdnowSummary = TestData.PathOf("cdnow", "cdnow_customers_summary_with_transactions.csv");
    private const string CdnowColumns = "customerId=ID,frequency=x,recency=t_x,monetaryValue=zbar";

    [Fact]
    public async Task Fit_BundledOrdersWithCalibrationEnd_ReproducesPublishedBgNbd()
    {
        // Weeks = days / 7 by default (--time-unit week), so the bundled CDNOW sample with the literature's calibration
        // end gives Fader, Hardie & Lee's (2005) r = 0.243, α = 4.414, a = 0.793, b = 2.426, LL = −9582.4.
        var (code, output, error) = await Run("clv", "fit", "--model", "bgnbd", "--calibration-end", "1997-09-30", "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal("bgnbd", root.GetProperty("model").GetString());
        Assert.Equal(0.243, root.GetProperty("parameters").GetProperty("r").GetDouble(), 3);
        Assert.Equal(4.414, root.GetProperty("parameters").GetProperty("alpha").GetDouble(), 3);
        Assert.Equal(0.793, root.GetProperty("parameters").GetProperty("a").GetDouble(), 3);
        Assert.Equal(2.426, root.GetProperty("parameters").GetProperty("b").GetDouble(), 3);
        Assert.Equal(-9582.4, root.GetProperty("logLikelihood").GetDouble(), 1);
        Assert.Equal(2357, root.GetProperty("customers").GetDouble());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.True(root.GetProperty("iterations").GetInt32() > 0);
        Assert.Equal(4, root.GetProperty("standardErrors").EnumerateObject().Count());
    }

    [Fact]
    public async Task Fit_TimeUnitDay_ScalesAlphaBySeven()
    {
        // Measuring in days instead of weeks rescales time by 7: the rate scale α grows 7-fold and r, a, b do not change.
        var (code, output, _) = await Run("clv", "fit", "--model", "bgnbd", "--calibration-end", "1997-09-30", "--time-unit", "day", "--format", "json");

        Assert.Equal(0, code);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("parameters");
        Assert.Equal(4.4136 * 7, parameters.GetProperty("alpha").GetDouble(), 0.01);
        Assert.Equal(0.2426, parameters.GetProperty("r").GetDouble(), 0.0005);
        Assert.Equal(0.7929, parameters.GetProperty("a").GetDouble(), 0.0005);
    }

    [Fact]
    public async Task Fit_SummaryWithColumns_ReproducesPublishedParetoNbd()
    {
        // Pareto/NBD on the published CDNOW summary: r = 0.553, α = 10.578, s = 0.606, β = 11.669 (Fader & Hardie).
        var (code, output, _) = await Run("clv", "fit", "--model", "paretonbd", "--summary", CdnowSummary, "--columns", CdnowColumns, "--format", "json");

        Assert.Equal(0, code);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("parameters");
        Assert.Equal(["r", "alpha", "s", "beta"], parameters.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(0.553, parameters.GetProperty("r").GetDouble(), 0.0015);
        Assert.Equal(11.669, parameters.GetProperty("beta").GetDouble(), 0.01);
    }

    [Fact]
    public async Task Fit_DonationsWithWeightsColumn_ReproducesPublishedBgBb()
    {
        // Fader, Hardie & Shang (2010): α = 1.204, β = 0.750, γ = 0.657, δ = 2.783; default columns frequency,
        // recency, periods and the weights column.
        var (code, output, _) = await Run("clv", "fit", "--model", "bgbb", "--summary", TestData.PathOf("cdnow", "donations.csv"), "--format", "json");

        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(11_104, root.GetProperty("customers").GetDouble());
        Assert.Equal(0.657, root.GetProperty("parameters").GetProperty("gamma").GetDouble(), 0.001);
    }

    [Fact]
    public async Task Fit_SbgSurvival_ReproducesPublishedHighEnd()
    {
        // Fader & Hardie (2007), high end, years 0–7: α = 0.668, β = 3.806.
        var (code, output, _) = await Run("clv", "fit", "--model", "sbg", "--survival", TestData.PathOf("sbg", "survival.csv"),
            "--columns", "alive=high_end", "--calibration-periods", "7", "--format", "json");

        Assert.Equal(0, code);
        var parameters = JsonDocument.Parse(output).RootElement.GetProperty("parameters");
        Assert.Equal(0.668, parameters.GetProperty("alpha").GetDouble(), 0.001);
        Assert.Equal(3.806, parameters.GetProperty("beta").GetDouble(), 0.001);
    }

    [Fact]
    public async Task Predict_GivenParameters_MatchesLibraryPerCustomer()
    {
        var (code, output, _) = await Run("clv", "predict", "--model", "bgnbd", "--parameters", "r=0.243,alpha=4.414,a=0.793,b=2.426",
            "--summary", CdnowSummary, "--columns", CdnowColumns, "--horizon", "12", "--spend-parameters", "p=6.25,q=3.74,gamma=15.44",
            "--margin", "0.3", "--discount-rate", "0.01", "--format", "json");

        Assert.Equal(0, code);
        var rows = JsonDocument.Parse(output).RootElement.EnumerateArray().ToList();
        Assert.Equal(2357, rows.Count);
        var first = rows[0];
        var model = new BetaGeometricNbdModel(0.243, 4.414, 0.793, 2.426);
        Assert.Equal("1", first.GetProperty("customerId").GetString());
        Assert.Equal(model.ExpectedPurchases(12, 2, 30.43, 38.86), first.GetProperty("expectedPurchases").GetDouble(), 6);
        Assert.Equal(model.ProbabilityAlive(2, 30.43, 38.86), first.GetProperty("probabilityAlive").GetDouble(), 6);
        // (15.44 + 2 · 22.35) · 6.25 / (2 · 6.25 + 2.74) = 24.6637
        Assert.Equal(375.875 / 15.24, first.GetProperty("expectedSpend").GetDouble(), 6);
        Assert.True(first.GetProperty("clv").GetDouble() > 0);
    }

    [Fact]
    public async Task Predict_SbgPeriods_PrintsSurvivalFromOne()
    {
        var (code, output, _) = await Run("clv", "predict", "--model", "sbg", "--parameters", "alpha=1,beta=1", "--periods", "3", "--discount-rate", "1", "--format", "json");

        Assert.Equal(0, code);
        var root = JsonDocument.Parse(output).RootElement;
        // S(t) = 1/(1+t) for α = β = 1; DERL at d = 1 is 4 ln 2 − 2.
        Assert.Equal([1, 0.5, 1d / 3, 0.25], root.GetProperty("survival").EnumerateArray().Select(v => Math.Round(v.GetDouble(), 9)).ToArray().Select(v => Math.Round(v, 9)).ToArray(), new RoundedComparer());
        Assert.Equal(4 * Math.Log(2) - 2, root.GetProperty("discountedExpectedResidualLifetime").GetDouble(), 9);
    }

    [Fact]
    public async Task Formula_Retention_PrintsWorkedExample()
    {
        // 100 · 1.1 / (1.1 − 0.8) = 366.67; CLV:CAC = 366.67 / 150 = 2.44; payback 150 / 100 = 1.5; with retention 2.
        var (code, output, _) = await Run("clv", "formula", "--formula", "retention", "--margin-per-period", "100", "--retention", "0.8",
            "--discount-rate", "0.1", "--acquisition-cost", "150", "--format", "json");

        Assert.Equal(0, code);
        var row = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal(366.666667, row.GetProperty("clv").GetDouble(), 5);
        Assert.Equal(2.444444, row.GetProperty("clvToCac").GetDouble(), 5);
        Assert.Equal(1.5, row.GetProperty("paybackPeriods").GetDouble());
        Assert.Equal(2, row.GetProperty("retainedPaybackPeriods").GetInt32());
    }

    [Fact]
    public async Task Formula_AverageOnBundledSample_MatchesPublishedTotals()
    {
        // Data/cdnow/README.md: 6,919 transactions, $244,091.94, 2,357 customers: APV 35.2785, PF 2.9355; × 3 = 310.68.
        var (code, output, _) = await Run("clv", "formula", "--formula", "average", "--lifespan", "3", "--format", "json");

        Assert.Equal(0, code);
        var row = JsonDocument.Parse(output).RootElement[0];
        Assert.Equal(244091.94m, row.GetProperty("revenue").GetDecimal());
        Assert.Equal(6919, row.GetProperty("purchases").GetInt32());
        Assert.Equal(244091.94 / 2357 * 3, row.GetProperty("value").GetDouble(), 4);
    }

    [Fact]
    public async Task Fit_SummaryWithRecencyAfterT_FailsWithPositionedLine()
    {
        var file = Temp("customer_id,frequency,recency,T\na,1,2,5\nb,1,9,5\n");

        var (code, output, error) = await Run("clv", "fit", "--model", "bgnbd", "--summary", file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {file}, line 3: Customer 'b': {LifetimeErrorMessages.RecencyAfterT}", error.TrimEnd());
    }

    [Fact]
    public async Task Fit_SummaryWithBadNumber_NamesLineAndColumn()
    {
        var file = Temp("customer_id,frequency,recency,T\na,1,two,5\n");

        var (code, output, error) = await Run("clv", "fit", "--model", "bgnbd", "--summary", file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {file}, line 2, column 'recency': 'two' is not a number.", error.TrimEnd());
    }

    [Fact]
    public async Task Fit_RepeatPurchasesAtRecencyZero_NamesLine()
    {
        var file = Temp("customer_id,frequency,recency,T\na,1,2,5\nb,2,0,5\n");

        var (code, _, error) = await Run("clv", "fit", "--model", "paretonbd", "--summary", file);

        Assert.Equal(2, code);
        Assert.Equal($"retention: error: {file}, line 3: Customer 'b': {LifetimeErrorMessages.RepeatPurchasesAtRecencyZero}", error.TrimEnd());
    }

    [Fact]
    public async Task Fit_GammaGammaWithoutRepeatBuyers_Fails()
    {
        var file = Temp("customer_id,frequency,recency,T,monetaryValue\na,0,0,5,0\n");

        var (code, output, error) = await Run("clv", "fit", "--model", "gammagamma", "--summary", file);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains(LifetimeErrorMessages.NoRepeatBuyers, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fit_SbgWithoutSurvival_FailsWithUsage()
    {
        var (code, output, error) = await Run("clv", "fit", "--model", "sbg");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Contains("--survival", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_UnknownParameterName_FailsWithUsage()
    {
        var (code, _, error) = await Run("clv", "predict", "--model", "bgnbd", "--parameters", "r=1,alpha=1,a=1,c=1", "--horizon", "4");

        Assert.Equal(2, code);
        Assert.Contains("'c=1'", error, StringComparison.Ordinal);
    }

    private static string Temp(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"clv-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public async Task Fit_HoldoutEnd_ComparesPredictedWithActualHoldoutPurchases()
    {
        // The bundled CDNOW sample split as in the literature: calibration to 1997-09-30, holdout of 39 weeks to
        // 1998-06-30 with 1,882 repeat purchase days (Data/cdnow/README.md); the fit itself is the published BG/NBD.
        var (code, output, error) = await Run("clv", "fit", "--model", "bgnbd", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30", "--format", "json");

        Assert.Equal(0, code);
        Assert.Equal(string.Empty, error);
        var root = JsonDocument.Parse(output).RootElement;
        Assert.Equal(0.243, root.GetProperty("parameters").GetProperty("r").GetDouble(), 3);
        var holdout = root.GetProperty("holdout");
        Assert.Equal(39, holdout.GetProperty("length").GetDouble(), 9);
        Assert.Equal(1882, holdout.GetProperty("totalActual").GetDouble());
        Assert.InRange(holdout.GetProperty("totalPredicted").GetDouble() / 1882, 0.8, 1.2);
        var groups = holdout.GetProperty("byFrequency").EnumerateArray().ToArray();
        Assert.Equal(8, groups.Length);
        Assert.Equal(2357, groups.Sum(g => g.GetProperty("customers").GetDouble()));
        Assert.True(groups[^1].GetProperty("andAbove").GetBoolean());
        // The mean actual purchases, weighted by group size, add back up to the total.
        Assert.Equal(1882, groups.Sum(g => g.GetProperty("customers").GetDouble() * g.GetProperty("meanActual").GetDouble()), 6);
    }

    [Fact]
    public async Task Fit_HoldoutEndTable_PrintsTheFrequencyTableAndTotals()
    {
        var (code, output, _) = await Run("clv", "fit", "--model", "paretonbd", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30");

        Assert.Equal(0, code);
        Assert.Contains("calibrationFrequency", output, StringComparison.Ordinal);
        Assert.Contains("7+", output, StringComparison.Ordinal);
        Assert.Contains("Holdout of 39 time units", output, StringComparison.Ordinal);
        Assert.Contains("actual 1882;", output.Replace(" purchases", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { "--model", "bgnbd", "--holdout-end", "1998-06-30" }, ClvInput.HoldoutCalibrationMessage)]
    [InlineData(new[] { "--model", "gammagamma", "--calibration-end", "1997-09-30", "--holdout-end", "1998-06-30" }, ClvInput.HoldoutModelMessage)]
    [InlineData(new[] { "--model", "bgnbd", "--calibration-end", "1997-09-30", "--holdout-end", "1997-09-01" }, "--holdout-end: " + LifetimeErrorMessages.HoldoutOrder)]
    public async Task Fit_HoldoutEndMisused_ExitsTwoWithOneLine(string[] options, string message)
    {
        var (code, output, error) = await Run(["clv", "fit", .. options]);

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {message}", error.TrimEnd());
    }

    [Fact]
    public async Task Fit_HoldoutEndWithSummary_ExitsTwo()
    {
        var (code, output, error) = await Run("clv", "fit", "--model", "bgnbd", "--summary", CdnowSummary, "--columns", CdnowColumns, "--holdout-end", "1998-06-30");

        Assert.Equal(2, code);
        Assert.Equal(string.Empty, output);
        Assert.Equal($"retention: error: {ClvInput.HoldoutInputMessage}", error.TrimEnd());
    }

    private static async Task<(int Code, string Output, string Error)> Run(params string[] args)
    {
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var code = await RetentionApp.RunAsync(args, output, error, false, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private sealed class RoundedComparer : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) < 1e-9;

        public int GetHashCode(double obj) => 0;
    }
}
