using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetentionMetrics.Clustering;

/// The Lloyd iteration, plain or with Hamerly's bounds, over points split into fixed blocks. Work inside a block is
/// sequential and partial results are combined in block order, so the result does not depend on the thread count.
/// Both algorithms share the centroid update, the empty-cluster relocation and the final assignment; they differ
/// only in how each point's nearest centroid is found, and Hamerly's bounds are used with a safety margin so that
/// a point is skipped only when its centroid is the nearest by far more than rounding: the labels, and so
/// everything else, are the same as plain Lloyd's.
internal sealed class KMeansEngine
{
    internal const int BlockSize = 4096;
    private const double RelativeSlack = 1e-10;

    private readonly double[] x;
    private readonly int n;
    private readonly int d;
    private readonly int k;
    private readonly int padded;
    private readonly int blocks;
    private readonly ParallelOptions parallel;
    private readonly double absoluteSlack;
    private double[] centers;
    private double[] newCenters;
    private readonly double[] transposed;
    private readonly int[] labels;
    private readonly double[] blockSums;
    private readonly int[] blockCounts;
    private readonly double[] blockInertia;
    private readonly int[] blockChanged;
    private readonly double[] halfSeparation;
    private readonly double[] lowerShift;
    private double[]? lower;
    private double[]? relocationDistances;

    internal KMeansEngine(double[] x, int n, int d, int k, ParallelOptions parallel)
    {
        this.x = x;
        this.n = n;
        this.d = d;
        this.k = k;
        this.parallel = parallel;
        padded = KMeansKernels.PaddedCount(k);
        blocks = (n + BlockSize - 1) / BlockSize;
        centers = new double[k * d];
        newCenters = new double[k * d];
        transposed = new double[d * padded];
        labels = new int[n];
        blockSums = new double[blocks * k * d];
        blockCounts = new int[blocks * k];
        blockInertia = new double[blocks];
        blockChanged = new int[blocks];
        halfSeparation = new double[k];
        lowerShift = new double[k];
        var largest = 0d;
        foreach (var value in x)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        absoluteSlack = 1e-12 * (largest + 1);
    }

    internal KMeansRun Run(
        ReadOnlySpan<double> initialCenters, KMeansAlgorithm algorithm, int maximumIterations, double tolerance,
        Action<int, double>? iterationDone, CancellationToken cancellationToken)
    {
        initialCenters.CopyTo(centers);
        Array.Fill(labels, -1);
        var hamerly = algorithm == KMeansAlgorithm.Hamerly;
        if (hamerly)
        {
            lower ??= new double[n];
            Array.Fill(lower, 0d);
            Array.Clear(lowerShift);
        }

        var history = new List<double>();
        var converged = false;
        var strict = false;
        var iteration = 0;
        while (iteration < maximumIterations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            iteration++;
            KMeansKernels.Transpose(centers, k, d, transposed, padded);
            if (hamerly)
            {
                ComputeHalfSeparation();
                ForEachBlock(HamerlyBlock);
            }
            else
            {
                ForEachBlock(LloydBlock);
            }

            var inertia = SumInOrder(blockInertia);
            var changed = 0L;
            foreach (var count in blockChanged)
            {
                changed += count;
            }

            var counts = ReduceCenters();
            var relocated = RelocateEmptyClusters(counts, hamerly);
            changed += relocated;
            var shift = ComputeShifts(hamerly);
            (centers, newCenters) = (newCenters, centers);
            history.Add(inertia);
            iterationDone?.Invoke(iteration, inertia);
            if (changed == 0)
            {
                converged = true;
                strict = true;
                break;
            }

            if (shift <= tolerance)
            {
                converged = true;
                break;
            }
        }

        // The last update moved the centroids after the points were assigned: assign once more so that every point
        // is with its nearest final centroid. After a strict convergence nothing moved (the means of unchanged labels,
        // summed in the same order, are bitwise the previous centroids), so the last assignment and its inertia stand.
        var finalInertia = history[^1];
        if (!strict)
        {
            KMeansKernels.Transpose(centers, k, d, transposed, padded);
            ForEachBlock(LloydBlock);
            finalInertia = SumInOrder(blockInertia);
        }

        return new KMeansRun((double[])centers.Clone(), (int[])labels.Clone(), finalInertia, iteration, converged, [.. history]);
    }

    private void ForEachBlock(Action<int> body)
    {
        if (blocks == 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (var b = 0; b < blocks; b++)
            {
                parallel.CancellationToken.ThrowIfCancellationRequested();
                body(b);
            }

            return;
        }

        Parallel.For(0, blocks, parallel, body);
    }

    private void LloydBlock(int block)
    {
        var start = block * BlockSize;
        var end = Math.Min(n, start + BlockSize);
        var sums = blockSums.AsSpan(block * k * d, k * d);
        var counts = blockCounts.AsSpan(block * k, k);
        sums.Clear();
        counts.Clear();
        Span<double> distances = padded <= 256 ? stackalloc double[padded] : new double[padded];
        var inertia = 0d;
        var changed = 0;
        for (var i = start; i < end; i++)
        {
            var point = x.AsSpan(i * d, d);
            KMeansKernels.Distances(point, transposed, padded, distances);
            var best = KMeansKernels.ArgMin(distances, k, out var smallest, out _);
            if (labels[i] != best)
            {
                labels[i] = best;
                changed++;
            }

            Accumulate(sums, counts, best, point);
            inertia += smallest;
        }

        blockInertia[block] = inertia;
        blockChanged[block] = changed;
    }

    private void HamerlyBlock(int block)
    {
        var start = block * BlockSize;
        var end = Math.Min(n, start + BlockSize);
        var sums = blockSums.AsSpan(block * k * d, k * d);
        var counts = blockCounts.AsSpan(block * k, k);
        sums.Clear();
        counts.Clear();
        Span<double> distances = padded <= 256 ? stackalloc double[padded] : new double[padded];
        var lowerBounds = lower!;
        ref var points = ref MemoryMarshal.GetArrayDataReference(x);
        ref var centres = ref MemoryMarshal.GetArrayDataReference(centers);
        ref var sumBase = ref MemoryMarshal.GetReference(sums);
        ref var countBase = ref MemoryMarshal.GetReference(counts);
        var inertia = 0d;
        var changed = 0;
        for (var i = start; i < end; i++)
        {
            ref var point = ref Unsafe.Add(ref points, i * d);
            var label = labels[i];
            double squared;
            if (label >= 0)
            {
                // The exact distance to the current centroid is needed for the inertia anyway, so the upper bound is
                // always tight; only the lower bound is carried between iterations.
                var lowerBound = lowerBounds[i] - lowerShift[label];
                var threshold = (Math.Max(halfSeparation[label], lowerBound) * (1 - RelativeSlack)) - absoluteSlack;
                ref var centre = ref Unsafe.Add(ref centres, label * d);
                squared = 0d;
                for (var j = 0; j < d; j++)
                {
                    var difference = Unsafe.Add(ref point, j) - Unsafe.Add(ref centre, j);
                    squared += difference * difference;
                }

                if (threshold > 0 && squared * (1 + (2 * RelativeSlack)) < threshold * threshold)
                {
                    lowerBounds[i] = lowerBound;
                }
                else
                {
                    label = Full(x.AsSpan(i * d, d), distances, ref changed, i, out squared, out lowerBounds[i]);
                }
            }
            else
            {
                label = Full(x.AsSpan(i * d, d), distances, ref changed, i, out squared, out lowerBounds[i]);
            }

            Unsafe.Add(ref countBase, label)++;
            ref var target = ref Unsafe.Add(ref sumBase, label * d);
            for (var j = 0; j < d; j++)
            {
                Unsafe.Add(ref target, j) += Unsafe.Add(ref point, j);
            }

            inertia += squared;
        }

        blockInertia[block] = inertia;
        blockChanged[block] = changed;
    }

    private int Full(ReadOnlySpan<double> point, Span<double> distances, ref int changed, int i, out double squared, out double lowerBound)
    {
        KMeansKernels.Distances(point, transposed, padded, distances);
        var best = KMeansKernels.ArgMin(distances, k, out squared, out var second);
        if (labels[i] != best)
        {
            labels[i] = best;
            changed++;
        }

        lowerBound = Math.Sqrt(second);
        return best;
    }

    private void Accumulate(Span<double> sums, Span<int> counts, int cluster, ReadOnlySpan<double> point)
    {
        counts[cluster]++;
        var target = sums.Slice(cluster * d, d);
        for (var j = 0; j < d; j++)
        {
            target[j] += point[j];
        }
    }

    /// <summary>Half the distance from each centroid to its nearest other centroid (infinite when k = 1).</summary>
    private void ComputeHalfSeparation()
    {
        Array.Fill(halfSeparation, double.PositiveInfinity);
        for (var a = 0; a < k; a++)
        {
            for (var b = a + 1; b < k; b++)
            {
                var half = 0.5 * Math.Sqrt(KMeansKernels.SquaredDistance(centers.AsSpan(a * d, d), centers.AsSpan(b * d, d)));
                halfSeparation[a] = Math.Min(halfSeparation[a], half);
                halfSeparation[b] = Math.Min(halfSeparation[b], half);
            }
        }
    }

    /// <summary>Sums the blocks' partial sums in block order into <see cref="newCenters"/>; returns the cluster sizes.</summary>
    private long[] ReduceCenters()
    {
        var counts = new long[k];
        Array.Clear(newCenters);
        for (var b = 0; b < blocks; b++)
        {
            var sums = blockSums.AsSpan(b * k * d, k * d);
            for (var i = 0; i < sums.Length; i++)
            {
                newCenters[i] += sums[i];
            }

            for (var c = 0; c < k; c++)
            {
                counts[c] += blockCounts[(b * k) + c];
            }
        }

        for (var c = 0; c < k; c++)
        {
            if (counts[c] > 0)
            {
                for (var j = 0; j < d; j++)
                {
                    newCenters[(c * d) + j] /= counts[c];
                }
            }
        }

        return counts;
    }

    /// <summary>
    /// Gives each empty cluster the point farthest from its centroid (as scikit-learn does), taken only from clusters
    /// that keep at least one point, lowest index on ties; then recomputes the means. Returns the points moved.
    /// </summary>
    private int RelocateEmptyClusters(long[] counts, bool hamerly)
    {
        if (Array.IndexOf(counts, 0L) < 0)
        {
            return 0;
        }

        var distances = relocationDistances ??= new double[n];
        ForEachBlock(block =>
        {
            var end = Math.Min(n, (block + 1) * BlockSize);
            for (var i = block * BlockSize; i < end; i++)
            {
                distances[i] = KMeansKernels.SquaredDistance(x.AsSpan(i * d, d), centers.AsSpan(labels[i] * d, d));
            }
        });
        var moved = 0;
        for (var c = 0; c < k; c++)
        {
            if (counts[c] != 0)
            {
                continue;
            }

            var chosen = -1;
            var farthest = -1d;
            for (var i = 0; i < n; i++)
            {
                if (distances[i] > farthest && counts[labels[i]] > 1)
                {
                    chosen = i;
                    farthest = distances[i];
                }
            }

            counts[labels[chosen]]--;
            labels[chosen] = c;
            counts[c] = 1;
            distances[chosen] = -1;
            if (hamerly)
            {
                lower![chosen] = 0;
            }

            moved++;
        }

        ForEachBlock(block =>
        {
            var sums = blockSums.AsSpan(block * k * d, k * d);
            var blockCount = blockCounts.AsSpan(block * k, k);
            sums.Clear();
            blockCount.Clear();
            var end = Math.Min(n, (block + 1) * BlockSize);
            for (var i = block * BlockSize; i < end; i++)
            {
                Accumulate(sums, blockCount, labels[i], x.AsSpan(i * d, d));
            }
        });
        ReduceCenters();
        return moved;
    }

    /// <summary>The total squared centroid shift; for Hamerly also the per-centroid bound corrections of the next pass.</summary>
    private double ComputeShifts(bool hamerly)
    {
        var total = 0d;
        Span<double> moves = k <= 256 ? stackalloc double[k] : new double[k];
        for (var c = 0; c < k; c++)
        {
            var squared = KMeansKernels.SquaredDistance(newCenters.AsSpan(c * d, d), centers.AsSpan(c * d, d));
            total += squared;
            moves[c] = Math.Sqrt(squared);
        }

        if (hamerly)
        {
            var largest = -1;
            var largestMove = 0d;
            var secondMove = 0d;
            for (var c = 0; c < k; c++)
            {
                if (largest < 0 || moves[c] > largestMove)
                {
                    secondMove = largest < 0 ? 0 : largestMove;
                    largestMove = moves[c];
                    largest = c;
                }
                else if (moves[c] > secondMove)
                {
                    secondMove = moves[c];
                }
            }

            for (var c = 0; c < k; c++)
            {
                lowerShift[c] = c == largest ? secondMove : largestMove;
            }
        }

        return total;
    }

    internal static double SumInOrder(ReadOnlySpan<double> values)
    {
        var sum = 0d;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum;
    }
}

/// The outcome of one restart.
internal sealed record KMeansRun(double[] Centers, int[] Labels, double Inertia, int Iterations, bool Converged, double[] History);
