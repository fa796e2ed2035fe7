using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using RetentionMetrics.Cli.Verbs;
using RetentionMetrics.Customers;

namespace RetentionMetrics.Cli.Csv;

/// <summary>
/// Reads the ranges of a large CSV file into customer summaries on several threads, with the customers split between
/// the threads by the hash of their id: each thread parses its ranges, keeps the rows of its own customers and hands
/// the others to their owner in batches. Every customer has one state, on one thread, so nothing is merged at
/// the end and each customer's string is built once; each thread's tables hold only its share of the customers.
/// Each thread holds its partition's rows in hash buckets and adds them a bucket at a time (<see cref="RadixRowBuffer"/>),
/// so the tables a bucket touches stay in cache.
/// </summary>
/// <remarks>
/// A thread whose outgoing queue is full adds its own incoming rows while it waits, and a thread adding a round of
/// buckets takes in its incoming rows between buckets, so two threads never wait on each other. Row checks (and the records counted by <see cref="CustomerSummaryAccumulator{TKey}.Admit"/>) happen on
/// the thread that parses the row, so its errors carry the row's line. The only error a state update can raise is
/// an overflowing total spend, which needs amounts of 10^18 or more: such an amount stops the pass with
/// <see cref="LargeAmountException"/>, and the caller reads the file again in one pass in file order, which reports
/// the overflow (if any) at the same line as it always does.
/// </remarks>
internal sealed class PartitionedSummaryReader
{
    private const int BatchRows = 4096;
    private const int MaximumPendingBatches = 16;
    private readonly Owner[] owners;
    private readonly ConcurrentQueue<RowBatch> free = new();
    private int producersDone;
    private volatile bool abandoned;

    /// <param name="count">The number of threads, ranges and hash partitions.</param>
    /// <param name="accumulatorFor">An empty accumulator for partition <c>i</c>.</param>
    /// <param name="expectedCustomers">A capacity hint for each partition.</param>
    /// <param name="roundRows">
    /// Rows a partition holds in hash buckets before it adds them a bucket at a time (<see cref="RadixRowBuffer"/>);
    /// 0 adds them as they arrive, in groups (the path before buckets, kept for comparison).
    /// </param>
    /// <param name="bucketBits">The number of hash bits that pick a bucket; null to choose from <paramref name="expectedCustomers"/>.</param>
    public PartitionedSummaryReader(
        int count, Func<int, CustomerSummaryAccumulator<string>> accumulatorFor, int expectedCustomers,
        int roundRows = RadixRowBuffer.DefaultRoundRows, int? bucketBits = null)
    {
        owners = new Owner[count];
        for (var i = 0; i < count; i++)
        {
            var buffer = roundRows > 0 ? new RadixRowBuffer(bucketBits ?? RadixRowBuffer.BitsFor(expectedCustomers), roundRows) : null;
            owners[i] = new Owner(accumulatorFor(i), new Utf8KeyInterner(expectedCustomers), count, buffer);
            var owner = owners[i];
            owner.Pause = () => Drain(owner);
        }
    }

    /// <summary>
    /// The rows a partition holds before it adds them (<see cref="RadixRowBuffer"/>) when the caller does not say; 0
    /// adds them as they arrive. Measurements set it to compare the two paths in one process.
    /// </summary>
    internal static int DefaultRoundRows { get; set; } = RadixRowBuffer.DefaultRoundRows;

    /// <summary>The partition of a key with this <see cref="Utf8KeyInterner.Hash"/> (middle bits: the tables use the top ones).</summary>
    public static int PartitionOf(ulong hash, int partitions)
    {
        // The same value as the remainder; a mask when the count is a power of two (a division costs more than a row's hash).
        var bits = unchecked((uint)(hash >> 16));
        return unchecked((int)((partitions & (partitions - 1)) == 0 ? bits & (uint)(partitions - 1) : bits % (uint)partitions));
    }

    /// <summary>Runs <paramref name="work"/>(0 … count − 1) on as many threads at once, this one included, and waits for all.</summary>
    /// <remarks>
    /// Dedicated threads, not the pool: every owner must run, or a thread handing it rows would wait forever. The
    /// first exception (by index) is thrown once every thread has finished.
    /// </remarks>
    public static void RunConcurrently(int count, Action<int> work)
    {
        var failures = new Exception?[count];
        var threads = new Thread[count - 1];
        for (var i = 1; i < count; i++)
        {
            var index = i;
            threads[i - 1] = new Thread(() => Guarded(index), maxStackSize: 1 << 20) { IsBackground = true, Name = $"csv partition {index}" };
            threads[i - 1].Start();
        }

        Guarded(0);
        foreach (var thread in threads)
        {
            thread.Join();
        }

        if (failures.FirstOrDefault(f => f is not null) is { } first)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }

        void Guarded(int index)
        {
            try
            {
                work(index);
            }
            catch (Exception e)
            {
                failures[index] = e;
            }
        }
    }

    /// <summary>
    /// Stops handing rows between threads (after a failure, the result is not used): no thread waits for another
    /// any more, and the ranges still being read are only checked.
    /// </summary>
    public void Abandon() => abandoned = true;

    /// <summary>
    /// Parses one range on thread <paramref name="index"/> (rows checked by <paramref name="parser"/>) and adds its
    /// rows to their owners, its own partition's rows at once. A thread may read several ranges, one after another;
    /// then it calls <see cref="Finish"/>.
    /// </summary>
    /// <exception cref="CsvDataException">A row cannot be read or is rejected; the line is counted in the range.</exception>
    /// <exception cref="LargeAmountException">An amount of 10^18 or more: read the file in one pass instead.</exception>
    public void Read(int index, CsvReader reader, OrderRowParser parser, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var self = owners[index];
        var rows = 0L;
        try
        {
            while (reader.Read())
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(rows);
                }

                if ((rows & 0x3FF) == 0 && Volatile.Read(ref self.Pending) > 0)
                {
                    Drain(self);
                }

                var id = parser.Parse(out var ticks, out var value, out var small);
                if (!small)
                {
                    throw new LargeAmountException();
                }

                try
                {
                    if (!self.Accumulator.Admit(string.Empty, ticks, value, rows))
                    {
                        continue;
                    }
                }
                catch (RetentionDataException e)
                {
                    throw new CsvDataException(reader.Name, reader.LineNumber, null, e.Reason);
                }

                // Ids of up to eight bytes travel packed in a ulong; longer ones as bytes.
                var length = id.Length;
                var key = length <= 8 ? Utf8KeyInterner.Pack(id) : 0;
                var hash = length <= 8 ? Utf8KeyInterner.ShortKeyHash(key, length) : Utf8KeyInterner.LongKeyHash(id);
                var owner = PartitionOf(hash, owners.Length);
                if (owner == index)
                {
                    self.Add(key, id, length, hash, ticks, value);
                    continue;
                }

                var batch = self.Outgoing[owner] ??= Rent();
                batch.Add(key, id, length, hash, ticks, value);
                if (batch.Count == BatchRows)
                {
                    Send(self, owner);
                }
            }

            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(rows);
        }
        catch
        {
            abandoned = true;
            throw;
        }
    }

    /// <summary>
    /// Ends thread <paramref name="index"/>'s reading: hands over its last rows, then adds the rows the other threads
    /// hand over until every thread has finished reading. Call it exactly once per thread, after a failure too.
    /// </summary>
    public void Finish(int index)
    {
        var self = owners[index];
        try
        {
            for (var owner = 0; owner < owners.Length; owner++)
            {
                if (self.Outgoing[owner] is { Count: > 0 })
                {
                    Send(self, owner);
                }
            }
        }
        finally
        {
            Interlocked.Increment(ref producersDone);
        }

        var spin = default(SpinWait);
        while (true)
        {
            // Every thread hands over its last rows before it counts itself done, so a drain after all are done is the last.
            var allDone = Volatile.Read(ref producersDone) == owners.Length;
            Drain(self);
            if (allDone || abandoned)
            {
                break;
            }

            spin.SpinOnce(sleep1Threshold: 10);
        }

        if (!abandoned)
        {
            self.Flush();
        }
    }

    /// <summary>Gives the partitions' row buffers back to the shared pool, once every thread has returned from <see cref="Finish"/>.</summary>
    public void ReturnBuffers()
    {
        foreach (var owner in owners)
        {
            owner.ReturnBuffer();
        }
    }

    /// <summary>The summaries of every partition, once every thread has returned from <see cref="Finish"/>.</summary>
    public CustomerSummaries<string> ToSummaries(CustomerSummaryOptions options) =>
        CustomerSummaryAccumulator<string>.Combine(owners.Select(o => o.Accumulator).ToArray(), options);

    private RowBatch Rent() => free.TryDequeue(out var batch) ? batch : new RowBatch(BatchRows);

    private void Send(Owner self, int owner)
    {
        var batch = self.Outgoing[owner]!;
        if (abandoned)
        {
            batch.Clear();
            return;
        }

        var target = owners[owner];
        var spin = default(SpinWait);
        while (Volatile.Read(ref target.Pending) >= MaximumPendingBatches && !abandoned)
        {
            Drain(self);
            spin.SpinOnce(sleep1Threshold: 10);
        }

        target.Inbox.Enqueue(batch);
        Interlocked.Increment(ref target.Pending);
        self.Outgoing[owner] = null;
    }

    private void Drain(Owner self)
    {
        while (self.Inbox.TryDequeue(out var batch))
        {
            Interlocked.Decrement(ref self.Pending);
            if (!abandoned)
            {
                for (var i = 0; i < batch.Count; i++)
                {
                    var length = batch.Lengths[i];
                    self.Add(batch.Keys[i], length > 8 ? batch.LongId(i) : default, length, batch.Hashes[i], batch.Ticks[i], batch.Amounts[i]);
                }
            }

            batch.Clear();
            free.Enqueue(batch);
        }
    }

    /// <summary>An amount of 10^18 or more was read: the summary must be computed in one pass in file order.</summary>
    internal sealed class LargeAmountException : Exception
    {
        public LargeAmountException()
            : base("An amount of 10^18 or more needs the one-pass path.")
        {
        }
    }

    /// <summary>One partition: its accumulator and id numbering, the rows handed to it, and its outgoing batches.</summary>
    private sealed class Owner(CustomerSummaryAccumulator<string> accumulator, Utf8KeyInterner interner, int owners, RadixRowBuffer? buffer)
    {
        public readonly ConcurrentQueue<RowBatch> Inbox = new();
        public readonly RowBatch?[] Outgoing = new RowBatch?[owners];
        public int Pending;
        private readonly OrderGroup group = new();

        /// <summary>Takes in the rows other threads handed over; called between buckets while a round is added.</summary>
        public Action? Pause;

        public CustomerSummaryAccumulator<string> Accumulator { get; } = accumulator;

        public void Add(ulong key, ReadOnlySpan<byte> longId, int length, ulong hash, long ticks, decimal amount)
        {
            if (buffer is not null)
            {
                buffer.Add(key, longId, length, hash, ticks, amount);
                if (buffer.IsFull)
                {
                    // Rows handed over meanwhile are taken in between buckets, so the other threads need not wait.
                    buffer.AddTo(interner, Accumulator, Pause);
                }

                return;
            }

            var id = length <= 8 ? MemoryMarshal.AsBytes(new ReadOnlySpan<ulong>(in key))[..length] : longId;
            group.Add(id, hash, ticks, amount, line: 0);
            if (group.IsFull)
            {
                group.Flush(interner, Accumulator, position: 0);
            }
        }

        public void ReturnBuffer() => buffer?.Return();

        public void Flush()
        {
            buffer?.AddTo(interner, Accumulator);
            group.Flush(interner, Accumulator, position: 0);
        }
    }

    /// <summary>
    /// Admitted rows on their way to their owner: the id packed in a ulong (up to eight bytes) or its offset in the
    /// batch's long-id bytes, the id's length and hash, local ticks and amount.
    /// </summary>
    private sealed class RowBatch(int capacity)
    {
        public readonly ulong[] Keys = new ulong[capacity];
        public readonly int[] Lengths = new int[capacity];
        public readonly ulong[] Hashes = new ulong[capacity];
        public readonly long[] Ticks = new long[capacity];
        public readonly decimal[] Amounts = new decimal[capacity];
        private byte[] longIds = new byte[256];
        private int longIdsUsed;

        public int Count { get; private set; }

        public ReadOnlySpan<byte> LongId(int i) => longIds.AsSpan((int)Keys[i], Lengths[i]);

        public void Add(ulong key, ReadOnlySpan<byte> id, int length, ulong hash, long ticks, decimal amount)
        {
            if (length > 8)
            {
                if (longIdsUsed + length > longIds.Length)
                {
                    Array.Resize(ref longIds, Math.Max(longIds.Length * 2, longIdsUsed + length));
                }

                id.CopyTo(longIds.AsSpan(longIdsUsed));
                key = (ulong)longIdsUsed;
                longIdsUsed += length;
            }

            Keys[Count] = key;
            Lengths[Count] = length;
            Hashes[Count] = hash;
            Ticks[Count] = ticks;
            Amounts[Count] = amount;
            Count++;
        }

        public void Clear()
        {
            Count = 0;
            longIdsUsed = 0;
        }
    }
}
