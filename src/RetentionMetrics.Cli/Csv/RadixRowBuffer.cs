using System.Runtime.InteropServices;
using System.Text;
using RetentionMetrics.Customers;
using RetentionMetrics.Internal;

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
    private readonly int bits;
    private readonly int bucketCount;
    private readonly int roundRows;
    private readonly BucketArrays<PendingRow> buckets;
    private byte[] longIds = new byte[1 << 12];
    private int longIdsUsed;
    private int held;

    /// <param name="expectedCustomers">The partition's expected customers: enough buckets that one bucket's customers fit in a core's cache.</param>
    /// <param name="roundRows">Rows held before they are added.</param>
    public RadixRowBuffer(int expectedCustomers, int roundRows = DefaultRoundRows)
    {
        bits = BitsFor(expectedCustomers);
        bucketCount = 1 << bits;
        this.roundRows = Math.Max(1, roundRows);
        buckets = new BucketArrays<PendingRow>(bucketCount, BucketCapacity);
    }

    /// <summary>Rows held and not added yet.</summary>
    public int Held => held;

    /// <summary>True when a round is full and should be added (<see cref="AddTo"/>).</summary>
    public bool IsFull => held >= roundRows;

    private int BucketCapacity => (roundRows / bucketCount * 9 / 8) + 16;

    /// <summary>
    /// Enough buckets that a bucket holds about 2,048 customers (some 250 KB of id slots and states), at most 1,024 so
    /// that the rows of a round are spread over few enough places at once.
    /// </summary>
    internal static int CustomersPerBucket { get; set; } = 2048;

    internal static int BitsFor(int expectedCustomers)
    {
        var bits = 0;
        while (bits < 10 && (expectedCustomers >> bits) > CustomersPerBucket)
        {
            bits++;
        }

        return bits;
    }

    /// <summary>
    /// Holds an admitted row: an id of up to eight bytes packed by <see cref="Utf8KeyInterner.Pack"/> in
    /// <paramref name="key"/>, a longer one in <paramref name="longId"/>; <paramref name="hash"/> is the id's
    /// <see cref="Utf8KeyInterner.Hash"/>.
    /// </summary>
    public void Add(ulong key, ReadOnlySpan<byte> longId, int length, ulong hash, long ticks, decimal amount)
    {
        if (length > 8)
        {
            if (longIdsUsed + length > longIds.Length)
            {
                Array.Resize(ref longIds, Math.Max(checked(longIds.Length * 2), longIdsUsed + length));
            }

            longId.CopyTo(longIds.AsSpan(longIdsUsed));
            key = (ulong)longIdsUsed;
            longIdsUsed += length;
        }

        buckets.Add(bits == 0 ? 0 : (int)(hash >> (64 - bits)), new PendingRow(key, ticks, amount, length));
        held++;
    }

    /// <summary>Adds every held row, bucket by bucket, numbering new ids in <paramref name="interner"/>; then holds none.</summary>
    public void AddTo(Utf8KeyInterner interner, CustomerSummaryAccumulator<string> accumulator)
    {
        for (var b = 0; b < bucketCount; b++)
        {
            AddBucket(buckets[b], interner, accumulator);
        }

        Clear();
    }

    // One call per bucket (not one per round) so that the loop is compiled at full optimisation early in a run.
    private void AddBucket(ReadOnlySpan<PendingRow> rows, Utf8KeyInterner interner, CustomerSummaryAccumulator<string> accumulator)
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

    /// <summary>Drops every held row (after a failure) and keeps the buffers.</summary>
    public void Clear()
    {
        buckets.Reset(bucketCount, BucketCapacity);
        longIdsUsed = 0;
        held = 0;
    }

    /// <summary>A held row: the id packed (or its offset in the long-id buffer), local ticks, amount and id length.</summary>
    private readonly record struct PendingRow(ulong Key, long Ticks, decimal Amount, int Length);
}
