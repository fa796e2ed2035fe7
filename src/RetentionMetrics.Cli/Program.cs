using RetentionMetrics.Cli;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

return await RetentionApp.RunAsync(args, Console.Out, Console.Error, !Console.IsErrorRedirected, cancellation.Token).ConfigureAwait(false);
