namespace RetentionMetrics.Internal;

/// <summary>
/// One object of large buffers kept between the passes that use it, so that the next pass (on any thread) writes to
/// memory the process already has: fresh memory costs a page fault at the first touch of each 4 KB page, which on a
/// virtual machine can take longer than the pass's own work on it. The kept object is dropped at a full garbage
/// collection once it has not been used for a minute, or when the machine's memory load is high, as the shared
/// array pool does.
/// </summary>
/// <typeparam name="T">The type of the kept object.</typeparam>
internal sealed class Spare<T>
    where T : class
{
    private readonly Func<long> clock;
    private readonly long unusedMilliseconds;
    private T? kept;
    private long givenAt;
    private int trimmerStarted;

    /// <summary>A spare dropped after a minute unused.</summary>
    public Spare()
        : this(static () => Environment.TickCount64, 60_000)
    {
    }

    /// <param name="clock">Milliseconds from any fixed start (for tests: a clock they move).</param>
    /// <param name="unusedMilliseconds">How long the kept object may stay unused before a collection drops it.</param>
    internal Spare(Func<long> clock, long unusedMilliseconds)
    {
        this.clock = clock;
        this.unusedMilliseconds = unusedMilliseconds;
    }

    /// <summary>The kept object, if any; the caller owns it until it gives it back.</summary>
    public T? Take() => Interlocked.Exchange(ref kept, null);

    /// <summary>Keeps <paramref name="item"/> for the next <see cref="Take"/> (replacing one kept already).</summary>
    public void Give(T item)
    {
        Volatile.Write(ref givenAt, clock());
        Volatile.Write(ref kept, item);
        if (Interlocked.Exchange(ref trimmerStarted, 1) == 0)
        {
            _ = new Trimmer(this);
        }
    }

    /// <summary>Drops the kept object if it has not been used for a while or memory is short.</summary>
    private void Trim()
    {
        var memory = GC.GetGCMemoryInfo();
        if (memory.MemoryLoadBytes >= memory.HighMemoryLoadThresholdBytes
            || clock() - Volatile.Read(ref givenAt) > unusedMilliseconds)
        {
            Interlocked.Exchange(ref kept, null);
        }
    }

    /// <summary>
    /// Runs <see cref="Trim"/> after garbage collections: an unreachable object whose finalizer registers it again,
    /// so it is finalized once per collection of the generation it lives in (generation 2 after the first few). One
    /// is started by the first <see cref="Give"/> and runs for the life of the process.
    /// </summary>
    private sealed class Trimmer(Spare<T> owner)
    {
        ~Trimmer()
        {
            if (!Environment.HasShutdownStarted)
            {
                owner.Trim();
                GC.ReRegisterForFinalize(this);
            }
        }
    }
}
