using System.Globalization;
using RetentionMetrics.Cli.Csv;

namespace RetentionMetrics.Cli;

/// <summary>
/// Where a verb writes and how it fails: output is buffered and written only when the verb succeeds, so bad input
/// never leaves partial output; any data error becomes one line on the error stream and a non-zero exit code.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter error, bool errorIsTerminal)
{
    /// <summary>Exit code for bad input data or bad option values.</summary>
    public const int DataError = 2;

    /// <summary>Exit code when the run was cancelled (Ctrl+C).</summary>
    public const int Cancelled = 130;

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    /// <summary>Whether the error stream is a terminal, so a progress line may be drawn there.</summary>
    public bool ErrorIsTerminal { get; } = errorIsTerminal;

    /// <summary>Runs a verb's work; writes what it produced on success, one positioned line on failure.</summary>
    public async Task<int> RunAsync(Func<TextWriter, CancellationToken, ValueTask> work, CancellationToken cancellationToken)
    {
        var buffered = new StringWriter(CultureInfo.InvariantCulture);
        try
        {
            await work(buffered, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is CsvDataException or RetentionDataException or CliUsageException or FormatException or ArgumentException)
        {
            await Error.WriteLineAsync($"retention: error: {OneLine(e.Message)}").ConfigureAwait(false);
            return DataError;
        }
        catch (OperationCanceledException)
        {
            await Error.WriteLineAsync("retention: cancelled.").ConfigureAwait(false);
            return Cancelled;
        }

        await Output.WriteAsync(buffered.ToString()).ConfigureAwait(false);
        await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }

    /// <summary>A progress line on the error stream, shown only when it is a terminal and the output is for people.</summary>
    public CliProgress Progress(bool forPeople) => new(ErrorIsTerminal && forPeople ? Error : null);

    private static string OneLine(string message)
    {
        var newline = message.IndexOfAny(['\r', '\n']);
        return newline < 0 ? message : message[..newline];
    }
}

/// <summary>A bad option value found after parsing (an unknown time zone, a column list that does not parse).</summary>
internal sealed class CliUsageException(string message) : Exception(message);
