// snippet: health-in-csharp
using RetentionMetrics.Health;

// end-snippet

namespace RetentionMetrics.Samples.Docs;

/// <summary>The "In C#" example of docs/health.md.</summary>
public static class HealthSnippet
{
    /// <summary>One customer's usage metrics, with missing values as null.</summary>
    public sealed record Metrics(string Id, double? Logins, double? Tickets, double? Nps);

    /// <summary>Fits the model on rows, scores one customer, then fits and scores a stream; prints the scores.</summary>
    public static async Task RunAsync(double[] populationRows, IAsyncEnumerable<Metrics> metricsStream, CancellationToken cancellationToken)
    {
        // snippet: health-in-csharp
        var model = HealthScoreModel.CreateBuilder()
            .Add("logins", HealthNormaliser.Percentile(), weight: 2)
            .Add("tickets", HealthNormaliser.Thresholds(new(0, 1), new(3, 0.5), new(10, 0)), weight: 1, HealthDirection.LowerIsBetter)
            .Add("nps", HealthNormaliser.MinMax(0, 10), weight: 1, missing: MissingValuePolicy.Worst)
            .Build();                                   // or HealthScoreModel.FromJson(File.ReadAllText("health.json"))

        var fitted = model.Fit(populationRows);          // row-major double[], one value per component, NaN = missing
        HealthScore score = fitted.Score([20, 2, 8]);    // score.Score, score.Band, score.Contributions, score.PulledDownMost(2)

        // Streams: one score per row, constant memory (the model must be fitted first).
        var selectors = new Dictionary<string, Func<Metrics, double?>>
        {
            ["logins"] = m => m.Logins, ["tickets"] = m => m.Tickets, ["nps"] = m => m.Nps,
        };
        var fittedOnStream = await model.FitAsync(metricsStream, selectors, cancellationToken: cancellationToken); // Buffers
        await foreach (var (customer, health) in metricsStream.ScoreHealth(fittedOnStream, m => m.Id, selectors)
                           .WithCancellation(cancellationToken))
        {
            // ...
        // end-snippet
            Console.WriteLine($"{customer}: {health}");
        // snippet: health-in-csharp
        }
        // end-snippet
        Console.WriteLine($"one customer: {score}");
    }
}
