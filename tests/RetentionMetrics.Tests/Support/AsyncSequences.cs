namespace RetentionMetrics.Tests.Support;

/// <summary>Async sequences for testing streaming operators: laziness, single enumeration, disposal, cancellation.</summary>
public static class AsyncSequences
{
    /// <summary>The items as an async sequence that yields between items, like a real stream.</summary>
    public static async IAsyncEnumerable<T> ToAsyncSequence<T>(
        this IEnumerable<T> items, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var item in items)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await Task.Yield();
            yield return item;
        }
    }
}

/// <summary>An async sequence that fails when enumerated: an operator that validates eagerly never touches it.</summary>
public sealed class ThrowingAsyncEnumerable<T> : IAsyncEnumerable<T>
{
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        throw new InvalidOperationException("The sequence was enumerated.");
}

/// <summary>An async sequence that counts how often it is enumerated and disposed.</summary>
public sealed class CountingAsyncEnumerable<T>(IReadOnlyList<T> items) : IAsyncEnumerable<T>
{
    public IReadOnlyList<T> Items { get; } = items;

    public int Enumerations { get; private set; }

    public int Disposals { get; private set; }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        Enumerations++;
        return new Enumerator(this, cancellationToken);
    }

    private sealed class Enumerator(CountingAsyncEnumerable<T> owner, CancellationToken cancellationToken) : IAsyncEnumerator<T>
    {
        private int index = -1;

        public T Current => owner.Items[index];

        public ValueTask<bool> MoveNextAsync()
        {
            cancellationToken.ThrowIfCancellationRequested();
            return ValueTask.FromResult(++index < owner.Items.Count);
        }

        public ValueTask DisposeAsync()
        {
            owner.Disposals++;
            return ValueTask.CompletedTask;
        }
    }
}
