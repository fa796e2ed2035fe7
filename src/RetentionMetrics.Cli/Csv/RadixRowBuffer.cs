using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Admitted rows of one hash partition, held in buckets by the top bits of the id's hash and added to the partition's
/// tables one bucket at a time (radix-partitioned aggregation): the top hash bits also pick the id table's slots, and a
/// customer's state is created while its bucket is being added, so one bucket's rows touch a small part of the tables
/// that stays in cache instead of one random cache line per row.
/// </summary>
/// <remarks>
/// Rows are added in rounds: when <c>roundRows</c> rows are held, every bucket is added and the buffers are reused, so
/// memory stays bounded and the buffers' pages are touched once. Ids of up to eight bytes (most ids) are packed in the
/// row; longer ones are copied into a byte buffer of the round. Within a bucket the rows keep their arrival order, so a
/// customer's rows reach its state in file order as far as the threads read the file in order. Adding a row can only
/// fail by a spend overflow, which the caller rules out (amounts under 10^18); the rows carry no line.
/// </remarks>
internal sealed class RadixRowBuffer
{
    /// <summary>Rows held before a round is added: some 40 MB of buffers per partition.</summary>
    public const int DefaultRoundRows = 1 << 20;

    // Between this many buckets of a round, the caller may take in rows handed over by other threads.
    private const int BucketsBetweenPauses = 16;
    private readonly int bits;
    private readonly int roundRows;
    private readonly int capacity;

    // Bucket b's rows fill rows[b * capacity ..] up to its capacity, then an overflow array of its own (rare: buckets
    // are filled evenly, and only rows handed over while a round is added can go past the capacity).
    private readonly PendingRow[] rows;
    private readonly int[] counts;
    private readonly PendingRow[]?[] overflow;
    private readonly byte[]?[] longIds;
    private readonly int[] longIdsUsed;
    private int held;
    private bool adding;

    /// <param name="bits">The top hash bits that pick a bucket (0 to 16); <see cref="BitsFor"/> chooses them.</param>
    /// <param name="roundRows">Rows held before they are added.</param>
    /// <remarks>The rows' buffer comes from the shared array pool (it is large, and fresh pages are slow): call <see cref="Return"/>.</remarks>
    public RadixRowBuffer(int bits, int roundRows = DefaultRoundRows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 16);
        this.bits = bits;
        var bucketCount = 1 << bits;
        this.roundRows = Math.Max(1, roundRows);
        capacity = (int)Math.Min(Array.MaxLength / bucketCount, ((long)this.roundRows / bucketCount * 9 / 8) + 64);
        rows = ArrayPool<PendingRow>.Shared.Rent(bucketCount * capacity);
        counts = new int[bucketCount];
        overflow = new PendingRow[]?[bucketCount];
        longIds = new byte[]?[bucketCount];
        longIdsUsed = new int[bucketCount];
    }

    /// <summary>Rows held and not added yet.</summary>
    public int Held => held;

    /// <summary>True when a round is full and should be added (<see cref="AddTo"/>); never while one is being added.</summary>
    public bool IsFull => held >= roundRows && !adding;

    /// <summary>
    /// Enough buckets that a bucket holds about 2,048 customers (some 250 KB of id slots and states), at most 1,024 so
    /// that the rows of a round are spread over few enough places at once.
    /// </summary>
    internal static int BitsFor(int expectedCustomers)
    {
        var bits = 0;
        while (bits < 10 && (expectedCustomers >> bits) > 2048)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>
    /// Holds an admitted row: an id of up to eight bytes packed by <see cref="Utf8KeyInterner.Pack"/> in
    /// <paramref name="key"/>, a longer one in <paramref name="longId"/>; <paramref name="hash"/> is the id's
    /// <see cref="Utf8KeyInterner.Hash"/>. May be called while a round is being added (from its pause callback).
    /// </summary>
    public void Add(ulong key, ReadOnlySpan<byte> longId, int length, ulong hash, long ticks, decimal amount)
    {
        var bucket = bits == 0 ? 0 : (int)(hash >> (64 - bits));
        if (length > 8)
        {
            key = (ulong)StoreLongId(bucket, longId);
        }

        var n = counts[bucket];
        var row = new PendingRow(key, ticks, amount, length);
        if (n < capacity)
        {
            rows[(bucket * capacity) + n] = row;
        }
        else
        {
            AddOverflow(bucket, n - capacity, row);
        }

        counts[bucket] = n + 1;
        held++;
    }

    /// <summary>
    /// Adds every held row, bucket by bucket, numbering new ids in <paramref name="interner"/>. Every few buckets it
    /// calls <paramref name="pause"/>, which may hold more rows: rows for buckets not added yet are added in this
    /// round, the others stay held for the next.
    /// </summary>
    public void AddTo(Utf8KeyInterner interner, CustomerSummaryAccumulator<string> accumulator, Action? pause = null)
    {
        adding = true;
        try
        {
            for (var b = 0; b < counts.Length; b++)
            {
                var n = counts[b];
                AddBucket(rows.AsSpan(b * capacity, Math.Min(n, capacity)), longIds[b], interner, accumulator);
                if (n > capacity)
                {
                    AddBucket(overflow[b].AsSpan(0, n - capacity), longIds[b], interner, accumulator);
                }

                counts[b] = 0;
                longIdsUsed[b] = 0;
                held -= n;
                if (pause is not null && b % BucketsBetweenPauses == BucketsBetweenPauses - 1)
                {
                    pause();
                }
            }
        }
        finally
        {
            adding = false;
        }
    }

    /// <summary>Drops every held row (after a failure) and keeps the buffers.</summary>
    public void Clear()
    {
        Array.Clear(counts);
        Array.Clear(longIdsUsed);
        held = 0;
    }

    // One call per bucket (not one per round) so that the loop is compiled at full optimisation early in a run.
    private static void AddBucket(ReadOnlySpan<PendingRow> rows, byte[]? longIds, Utf8KeyInterner interner, CustomerSummaryAccumulator<string> accumulator)
    {
        foreach (ref readonly var row in rows)
        {
            var packed = row.Key;
            var id = row.Length <= 8
                ? MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in packed))[..row.Length]
                : longIds.AsSpan((int)row.Key, row.Length);
            var hash = row.Length <= 8 ? Utf8KeyInterner.ShortKeyHash(packed, row.Length) : Utf8KeyInterner.LongKeyHash(id);
            var index = interner.GetOrAdd(id, hash, out var added);
            if (added)
            {
                accumulator.AddNew(Encoding.UTF8.GetString(id), row.Ticks, row.Amount);
            }
            else
            {
                accumulator.UpdateAt(index, row.Ticks, row.Amount, position: 0);
            }
        }
    }

    private int StoreLongId(int bucket, ReadOnlySpan<byte> id)
    {
        var used = longIdsUsed[bucket];
        ref var bytes = ref longIds[bucket];
        if (bytes is null || used + id.Length > bytes.Length)
        {
            Array.Resize(ref bytes, Math.Max(bytes is null ? 256 : checked(bytes.Length * 2), used + id.Length));
        }

        id.CopyTo(bytes.AsSpan(used));
        longIdsUsed[bucket] = used + id.Length;
        return used;
    }

    /// <summary>Gives the rows' buffer back to the shared pool; the buffer is unusable afterwards.</summary>
    public void Return()
    {
        Clear();
        ArrayPool<PendingRow>.Shared.Return(rows);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void AddOverflow(int bucket, int at, PendingRow row)
    {
        ref var spill = ref overflow[bucket];
        if (spill is null || at >= spill.Length)
        {
            Array.Resize(ref spill, Math.Max(64, (spill?.Length ?? 0) * 2));
        }

        spill[at] = row;
    }

    /// <summary>A held row: the id packed (or its offset in the bucket's long-id bytes), local ticks, amount and id length.</summary>
    internal readonly record struct PendingRow(ulong Key, long Ticks, decimal Amount, int Length);
}
