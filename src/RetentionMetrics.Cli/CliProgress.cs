using System.Diagnostics;
using System.Globalization;

namespace RetentionMetrics.Cli;

/// <summary>Draws "read N records" on one terminal line, at most ten times a second; silent without a terminal.</summary>
internal sealed class CliProgress(TextWriter? terminal) : IProgress<long>, IDisposable
{
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long lastDrawn = -1;
    private bool drawn;

    public void Report(long recordsRead)
    {
        if (terminal is null)
        {
            return;
        }

        // Parallel readers report from several threads.
        lock (clock)
        {
            if (clock.ElapsedMilliseconds - lastDrawn < 100)
            {
                return;
            }

            lastDrawn = clock.ElapsedMilliseconds;
            drawn = true;
            terminal.Write(string.Create(CultureInfo.InvariantCulture, $"\rread {recordsRead:N0} records…"));
        }
    }

    public void Dispose()
    {
        if (drawn)
        {
            terminal!.Write("\r\u001b[2K");
        }
    }
}
