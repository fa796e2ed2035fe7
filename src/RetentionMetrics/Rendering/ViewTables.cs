using System.Globalization;
using RetentionMetrics.Churn;
using RetentionMetrics.Clustering;
using RetentionMetrics.Customers;
using RetentionMetrics.Lifetime;
using RetentionMetrics.Rfm;
using RetentionMetrics.Survival;

namespace RetentionMetrics.Rendering;

/// <summary>The tables the HTML and text views share, built once from each result.</summary>
internal static class ViewTables
{
    // The names the views give the models that have no Name of their own (transaction models carry theirs).
    internal const string GammaGammaName = "gamma-gamma";
    internal const string BetaGeometricBetaBinomialName = "bgbb";
    internal const string ShiftedBetaGeometricName = "sbg";

    internal static string Number(double value, string format = "0.##") =>
        double.IsFinite(value) ? value.ToString(format, CultureInfo.InvariantCulture) : "–";

    internal static string Money(decimal value) => value.ToString("#,0.00", CultureInfo.InvariantCulture);

    internal static string Count(long value) => value.ToString("#,0", CultureInfo.InvariantCulture);

    internal static string Share(double? value) => value is { } v ? SvgChart.Percent(v) : "–";

    internal static TableData RfmSegments(IReadOnlyList<RfmSegmentSummary> segments)
    {
        var table = new TableData("rfm-segments",
            ["segment", "customers", "customer share", "revenue", "revenue share", "mean recency", "mean frequency", "mean monetary"],
            [false, true, true, true, true, true, true, true]);
        foreach (var s in segments)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(segments));
            table.Add(s.Segment, Count(s.Customers), Share(s.CustomerShare), Money(s.Revenue), Share(s.RevenueShare),
                Number(s.AverageRecency, "0.#"), Number(s.AverageFrequency), Number(s.AverageMonetary));
        }

        return table;
    }

    internal static TableData RfmGrid<TKey>(RfmTable<TKey> rfm)
        where TKey : notnull
    {
        var grid = RfmCells.From(rfm);
        var n = grid.Bins;
        var headers = new[] { "R \\ F" }.Concat(Enumerable.Range(1, n).Select(f => "F" + SvgCharts.Invariant(f))).ToArray();
        var table = new TableData("rfm-grid", headers, headers.Select((_, i) => i > 0).ToArray());
        for (var r = n; r >= 1; r--)
        {
            var row = new string[n + 1];
            row[0] = "R" + SvgCharts.Invariant(r);
            for (var f = 1; f <= n; f++)
            {
                var count = grid.Count(r, f);
                row[f] = count == 0 ? "0" : $"{Count(count)} ({SvgChart.Compact(grid.MeanMonetary(r, f))})";
            }

            table.Add(row);
        }

        table.Note = "Customers per recency (R) and frequency (F) score, with the mean monetary value in brackets.";
        return table;
    }

    internal static TableData HealthBands(HealthCounts counts)
    {
        var table = new TableData("health-bands", ["band", "from", "to", "customers", "share"], [false, true, true, true, true]);
        for (var i = 0; i < counts.Bands.Count; i++)
        {
            var band = counts.Bands[i];
            table.Add(band.Name, Number(band.From), Number(band.To), Count(counts.BandCounts[i]),
                Share(counts.Total == 0 ? null : (double)counts.BandCounts[i] / counts.Total));
        }

        return table;
    }

    internal static TableData Clusters(FeatureMatrix centroids, IReadOnlyList<int> sizes, IReadOnlyList<string>? featureNames)
    {
        var names = Enumerable.Range(0, centroids.Columns).Select(c => featureNames?[c] ?? $"feature {c}").ToArray();
        var table = new TableData("clusters", ["cluster", "customers", .. names], [true, true, .. names.Select(_ => true)]);
        for (var c = 0; c < centroids.Rows; c++)
        {
            var row = new List<string> { SvgCharts.Invariant(c), Count(c < sizes.Count ? sizes[c] : 0) };
            for (var j = 0; j < centroids.Columns; j++)
            {
                row.Add(Number(centroids[c, j], "0.###"));
            }

            table.Add([.. row]);
        }

        table.Note = "Centroid coordinates in the units drawn.";
        return table;
    }

    internal static TableData ClusterSelection(KMeansSelection selection)
    {
        var table = new TableData("cluster-selection", ["k", "inertia", "silhouette", "chosen by"], [true, true, true, false]);
        foreach (var c in selection.Candidates)
        {
            var chosen = string.Join(", ", new[] { c.NumberOfClusters == selection.ByElbow ? "elbow" : null, c.NumberOfClusters == selection.BySilhouette ? "silhouette" : null }.Where(x => x is not null));
            table.Add(SvgCharts.Invariant(c.NumberOfClusters), Number(c.Inertia, "0.###"), Number(c.Silhouette, "0.####"), chosen);
        }

        return table;
    }

    internal static TableData SurvivalGroups(IReadOnlyList<KeyValuePair<string, KaplanMeierCurve>> curves)
    {
        var table = new TableData("survival-groups", ["group", "subjects", "events", "censored", "median", "last time", "S(last)"],
            [false, true, true, true, true, true, true]);
        foreach (var (name, curve) in curves)
        {
            ArgumentNullException.ThrowIfNull(curve, nameof(curves));
            var last = curve.Steps.Count > 0 ? curve.Steps[^1] : default;
            table.Add(name, Count(curve.Subjects), Count(curve.Events), Count(curve.Subjects - curve.Events),
                curve.Median is { } m ? Number(m) : "not reached", curve.Steps.Count > 0 ? Number(last.Time) : "–",
                curve.Steps.Count > 0 ? SvgChart.Percent(last.Survival) : "–");
        }

        return table;
    }

    internal static TableData SurvivalSteps(KaplanMeierCurve curve, int maximumRows)
    {
        var table = new TableData("survival-steps", ["time", "at risk", "events", "censored", "survival", "std. error", "lower", "upper"],
            [true, true, true, true, true, true, true, true]);
        var steps = curve.Steps;
        var stride = Math.Max(1, (int)Math.Ceiling(steps.Count / (double)maximumRows));
        for (var i = 0; i < steps.Count; i += stride)
        {
            var s = steps[i];
            table.Add(Number(s.Time), Count(s.AtRisk), Count(s.Events), Count(s.Censored), Number(s.Survival, "0.0000"),
                Number(s.StandardError, "0.0000"), Number(s.Lower, "0.0000"), Number(s.Upper, "0.0000"));
        }

        if (stride > 1)
        {
            table.Note = $"Every {SvgCharts.Invariant(stride)}th of {Count(steps.Count)} steps.";
        }

        return table;
    }

    internal static TableData Parameters(IReadOnlyDictionary<string, double> parameters, LifetimeFitDiagnostics? diagnostics)
    {
        var table = new TableData("parameters", ["parameter", "estimate", "standard error"], [false, true, true]);
        foreach (var (name, value) in parameters)
        {
            var se = diagnostics is not null && diagnostics.StandardErrors.TryGetValue(name, out var e) ? MarkupWriter.Precise(e, 4) : "–";
            table.Add(name, MarkupWriter.Precise(value, 6), se);
        }

        if (diagnostics?.StandardErrorNote is { } note)
        {
            table.Note = note;
        }

        return table;
    }

    internal static TableData Diagnostics(LifetimeFitDiagnostics diagnostics)
    {
        var table = new TableData("diagnostics", ["diagnostic", "value"], [false, true]);
        table.Add("log-likelihood", Number(diagnostics.LogLikelihood, "0.####"));
        table.Add("customers", Number(diagnostics.Customers, "#,0.##"));
        table.Add("iterations", Count(diagnostics.Iterations));
        table.Add("function evaluations", Count(diagnostics.FunctionEvaluations));
        table.Add("converged", diagnostics.Converged ? "yes" : "no" + (diagnostics.Reason is { } r ? ": " + r : string.Empty));
        table.Add("gradient norm", MarkupWriter.Precise(diagnostics.GradientNorm, 3));
        return table;
    }

    internal static TableData Holdout(HoldoutComparison comparison)
    {
        var table = new TableData("holdout-groups", ["calibration frequency", "customers", "mean actual", "mean predicted"], [true, true, true, true]);
        foreach (var g in comparison.ByFrequency)
        {
            table.Add(SvgCharts.Invariant(g.Frequency) + (g.AndAbove ? "+" : string.Empty), Number(g.Customers, "#,0.##"),
                Number(g.MeanActual, "0.###"), Number(g.MeanPredicted, "0.###"));
        }

        table.Note = $"Total actual {Number(comparison.TotalActual, "#,0.#")}, predicted {Number(comparison.TotalPredicted, "#,0.#")}; " +
            $"mean absolute error {Number(comparison.MeanAbsoluteError, "0.###")}, root mean squared error {Number(comparison.RootMeanSquaredError, "0.###")} per customer.";
        return table;
    }

    internal static TableData SurvivalFit(ShiftedBetaGeometricModel model, IReadOnlyList<long> alive, int last)
    {
        var fitted = model.SurvivalCurve(last);
        var table = new TableData("survival-fit", ["period", "alive", "observed", "fitted"], [true, true, true, true]);
        for (var t = 0; t <= last; t++)
        {
            table.Add(SvgCharts.Invariant(t), t < alive.Count ? Count(alive[t]) : "–",
                t < alive.Count ? SvgChart.Percent((double)alive[t] / alive[0]) : "–", SvgChart.Percent(fitted[t]));
        }

        return table;
    }

    internal static TableData Summaries<TKey>(CustomerSummaries<TKey> summaries, int maximumRows)
        where TKey : notnull
    {
        var table = new TableData("customer-summaries",
            ["customer", "transactions", "total spend", "first purchase", "last purchase", "frequency", "recency", "T", "monetary value"],
            [false, true, true, false, false, true, true, true, true]);
        var n = Math.Min(maximumRows, summaries.Count);
        for (var i = 0; i < n; i++)
        {
            var s = summaries[i];
            table.Add(Convert.ToString(s.CustomerId, CultureInfo.InvariantCulture) ?? string.Empty, Count(s.Transactions), Money(s.TotalSpend),
                s.FirstPurchase.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), s.LastPurchase.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Count(s.Frequency), Count(s.Recency), Count(s.T), Money(s.MonetaryValue));
        }

        table.Note = $"{(n < summaries.Count ? $"First {Count(n)} of " : string.Empty)}{Count(summaries.Count)} customers; {Count(summaries.Transactions)} transactions, " +
            $"total spend {Money(summaries.TotalSpend)}{(summaries.AsOf is { } asOf ? ", as of " + asOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : string.Empty)}; " +
            $"periods are {summaries.Period.ToString().ToLowerInvariant()}s.";
        return table;
    }

    internal static TableData Churn(CustomerChurnTable churn)
    {
        var table = new TableData("churn",
            ["period", "start", "new", "reactivated", "churned", "end", "churn rate", "retention rate", "repeat rate"],
            [false, true, true, true, true, true, true, true, true]);
        foreach (var r in churn.Rows)
        {
            table.Add(r.Label, Count(r.StartCustomers), Count(r.NewCustomers), Count(r.ReactivatedCustomers), Count(r.ChurnedCustomers),
                Count(r.EndCustomers), Share(r.ChurnRate), Share(r.RetentionRate), Share(r.RepeatPurchaseRate));
        }

        table.Note = $"{Count(churn.Customers)} customers, {Count(churn.RepeatCustomers)} repeat customers (repeat-purchase rate {Share(churn.RepeatPurchaseRate)}).";
        return table;
    }

    internal static TableData Mrr(MrrMovementTable mrr)
    {
        var table = new TableData("mrr",
            ["period", "start MRR", "new", "expansion", "contraction", "churned", "reactivation", "end MRR", "GRR", "NRR"],
            [false, true, true, true, true, true, true, true, true, true]);
        foreach (var r in mrr.Rows)
        {
            table.Add(r.Label, Money(r.StartMrr), Money(r.NewMrr), Money(r.ExpansionMrr), Money(r.ContractionMrr), Money(r.ChurnedMrr),
                Money(r.ReactivationMrr), Money(r.EndMrr), Share(r.GrossRevenueRetention), Share(r.NetRevenueRetention));
        }

        return table;
    }

    internal static TableData Nps(NetPromoterScore score)
    {
        var table = new TableData("nps", ["measure", "value"], [false, true]);
        table.Add("responses", Count(score.Responses));
        table.Add("promoters (9–10)", Count(score.Promoters));
        table.Add("passives (7–8)", Count(score.Passives));
        table.Add("detractors (0–6)", Count(score.Detractors));
        table.Add("score", score.Score is { } s ? Number(s, "0.#") : "–");
        table.Add("interval", score.Interval is { } i ? $"{Number(i.Low, "0.#")} to {Number(i.High, "0.#")} ({SvgChart.Percent(i.Level)})" : "–");
        return table;
    }

    internal static TableData Satisfaction(CustomerSatisfaction satisfaction)
    {
        var table = new TableData("csat", ["measure", "value"], [false, true]);
        table.Add("responses", Count(satisfaction.Responses));
        table.Add("satisfied", Count(satisfaction.Satisfied));
        table.Add("share", Share(satisfaction.Share));
        table.Add("interval", satisfaction.Interval is { } i ? $"{SvgChart.Percent(i.Low)} to {SvgChart.Percent(i.High)} ({SvgChart.Percent(i.Level)})" : "–");
        return table;
    }

    /// <summary>The customers with the largest values, largest first (ties by customer, ordinal).</summary>
    internal static TableData TopCustomers(IReadOnlyList<string> customers, IReadOnlyList<double> values, string valueLabel, int maximumRows)
    {
        CheckPairs(customers, values);
        var order = Enumerable.Range(0, values.Count).OrderByDescending(i => values[i]).ThenBy(i => customers[i], StringComparer.Ordinal).Take(maximumRows);
        var table = new TableData("top-customers", ["rank", "customer", valueLabel], [true, false, true]);
        var rank = 1;
        foreach (var i in order)
        {
            table.Add(SvgCharts.Invariant(rank++), customers[i], Number(values[i], "#,0.00"));
        }

        table.Note = $"Top {Count(table.Rows.Count)} of {Count(values.Count)} customers by {valueLabel}.";
        return table;
    }

    internal static void CheckPairs(IReadOnlyList<string> customers, IReadOnlyList<double> values)
    {
        if (customers.Count != values.Count)
        {
            throw new ArgumentException(RenderingErrorMessages.CustomerValueCountMismatch, nameof(values));
        }

        for (var i = 0; i < values.Count; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(RenderingErrorMessages.ValueNotFinite, nameof(values));
            }

            ArgumentNullException.ThrowIfNull(customers[i], nameof(customers));
        }
    }
}
