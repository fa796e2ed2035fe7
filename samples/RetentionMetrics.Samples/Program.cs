using RetentionMetrics.Samples;

// Small runnable programs that the docs quote: `dotnet run --project samples/RetentionMetrics.Samples -- summaries`.
var sample = args.Length > 0 ? args[0] : "summaries";
switch (sample)
{
    case "summaries":
        await SummariesSample.RunAsync(Console.Out);
        return 0;
    default:
        Console.Error.WriteLine($"Unknown sample '{sample}'. Samples: summaries.");
        return 1;
}
