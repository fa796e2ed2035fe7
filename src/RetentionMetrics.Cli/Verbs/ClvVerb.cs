using System.CommandLine;

namespace RetentionMetrics.Cli.Verbs;

/// <summary><c>retention clv</c>: lifetime-value models (<c>fit</c>, <c>predict</c>) and formulas (<c>formula</c>).</summary>
internal static class ClvVerb
{
    public static Command Create(CliContext context)
    {
        var command = new Command("clv", "Customer lifetime value: fit BG/NBD, MBG/NBD, Pareto/NBD, BG/BB, sBG or Gamma-Gamma, predict, and the simple formulas.");
        command.Subcommands.Add(ClvFitVerb.Create(context));
        command.Subcommands.Add(ClvPredictVerb.Create(context));
        command.Subcommands.Add(ClvFormulaVerb.Create(context));
        return command;
    }
}
