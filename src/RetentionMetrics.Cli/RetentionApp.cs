using System.CommandLine;
using RetentionMetrics.Cli.Verbs;

namespace RetentionMetrics.Cli;

/// <summary>The <c>retention</c> command line: one root command with a subcommand per area.</summary>
internal static class RetentionApp
{
    /// <summary>Parses <paramref name="args"/> and runs the chosen verb, writing to the given streams.</summary>
    /// <returns>The process exit code: 0 on success, 1 for a command line that does not parse, 2 for bad input data.</returns>
    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, bool errorIsTerminal, CancellationToken cancellationToken)
    {
        var context = new CliContext(output, error, errorIsTerminal);
        var root = new RootCommand("retention: customer summaries, segments, RFM, clusters, cohorts, health, churn and lifetime value from CSV files.");
        foreach (var verb in Verbs(context))
        {
            root.Subcommands.Add(verb);
        }

        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return root.Parse(args).InvokeAsync(configuration, cancellationToken);
    }

    /// <summary>Every verb, in the order the help lists them.</summary>
    private static IEnumerable<Command> Verbs(CliContext context)
    {
        yield return SummaryVerb.Create(context);
        yield return SegmentVerb.Create(context);
        yield return RfmVerb.Create(context);
        yield return ClusterVerb.Create(context);
        yield return CohortsVerb.Create(context);
        yield return SurvivalVerb.Create(context);
        yield return HealthVerb.Create(context);
        yield return ChurnVerb.Create(context);
        yield return NpsVerb.Create(context);
        yield return ClvVerb.Create(context);
        yield return ReportVerb.Create(context);
    }
}
