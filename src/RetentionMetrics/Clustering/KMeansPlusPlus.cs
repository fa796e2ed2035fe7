using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetentionMetrics.Clustering;

/// Greedy k-means++ seeding as scikit-learn does it (Arthur and Vassilvitskii 2007; the greedy variant of its
/// section 5): the first centroid is a point drawn uniformly; each next one is the best of 2 + ⌊ln k⌋ candidates,
/// each drawn with probability proportional to its squared distance to the nearest centroid so far, "best" meaning
/// the one that lowers the total of those squared distances (the potential) most. A candidate index is the first
/// point whose running sum of squared distances reaches the drawn value, as NumPy's searchsorted finds it.
/// Sums run over fixed blocks combined in block order, so the seeds do not depend on the thread count.
internal static class KMeansPlusPlus
{
    internal static double[] Seed(
        double[] x, int n, int d, int k, ref SplitMix64 random, ParallelOptions parallel, CancellationToken cancellationToken)
    {
        var blockSize = KMeansEngine.BlockSize;
        var blocks = (n + blockSize - 1) / blockSize;
        var trials = 2 + (int)Math.Log(k);
        var centers = new double[k * d];
        var closest = new double[n];
        var blockPotential = new double[blocks];
        var candidatePotential = new double[blocks * trials];
        var first = random.NextInt(n);
        x.AsSpan(first * d, d).CopyTo(centers);
        ForEachBlock(blocks, parallel, block =>
        {
            var end = Math.Min(n, (block + 1) * blockSize);
            var center = centers.AsSpan(0, d);
            var sum = 0d;
            for (var i = block * blockSize; i < end; i++)
            {
                var distance = KMeansKernels.SquaredDistance(x.AsSpan(i * d, d), center);
                closest[i] = distance;
                sum += distance;
            }

            blockPotential[block] = sum;
        });
        var potential = KMeansEngine.SumInOrder(blockPotential);
        var candidates = new int[trials];
        var candidateCenters = new double[trials * d];
        for (var c = 1; c < k; c++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var t = 0; t < trials; t++)
            {
                candidates[t] = Search(closest, blockPotential, n, random.NextDouble() * potential);
                x.AsSpan(candidates[t] * d, d).CopyTo(candidateCenters.AsSpan(t * d, d));
            }

            ForEachBlock(blocks, parallel, block =>
            {
                var end = Math.Min(n, (block + 1) * blockSize);
                var sums = candidatePotential.AsSpan(block * trials, trials);
                sums.Clear();
                ref var points = ref MemoryMarshal.GetArrayDataReference(x);
                ref var candidateBase = ref MemoryMarshal.GetArrayDataReference(candidateCenters);
                for (var t = 0; t < trials; t++)
                {
                    ref var candidate = ref Unsafe.Add(ref candidateBase, t * d);
                    var sum = 0d;
                    for (var i = block * blockSize; i < end; i++)
                    {
                        ref var point = ref Unsafe.Add(ref points, i * d);
                        var distance = 0d;
                        for (var j = 0; j < d; j++)
                        {
                            var difference = Unsafe.Add(ref point, j) - Unsafe.Add(ref candidate, j);
                            distance += difference * difference;
                        }

                        sum += Math.Min(closest[i], distance);
                    }

                    sums[t] = sum;
                }
            });
            var best = 0;
            var bestPotential = double.PositiveInfinity;
            for (var t = 0; t < trials; t++)
            {
                var total = 0d;
                for (var b = 0; b < blocks; b++)
                {
                    total += candidatePotential[(b * trials) + t];
                }

                if (total < bestPotential)
                {
                    bestPotential = total;
                    best = t;
                }
            }

            var chosen = candidateCenters.AsSpan(best * d, d).ToArray();
            chosen.CopyTo(centers.AsSpan(c * d, d));
            ForEachBlock(blocks, parallel, block =>
            {
                var end = Math.Min(n, (block + 1) * blockSize);
                var sum = 0d;
                for (var i = block * blockSize; i < end; i++)
                {
                    var distance = Math.Min(closest[i], KMeansKernels.SquaredDistance(x.AsSpan(i * d, d), chosen));
                    closest[i] = distance;
                    sum += distance;
                }

                blockPotential[block] = sum;
            });
            potential = KMeansEngine.SumInOrder(blockPotential);
        }

        return centers;
    }

    /// <summary>The first point whose running sum of <paramref name="closest"/> reaches <paramref name="target"/> (the last point if none does).</summary>
    private static int Search(double[] closest, double[] blockPotential, int n, double target)
    {
        var blockSize = KMeansEngine.BlockSize;
        var running = 0d;
        for (var b = 0; b < blockPotential.Length; b++)
        {
            if (running + blockPotential[b] >= target || b == blockPotential.Length - 1)
            {
                var end = Math.Min(n, (b + 1) * blockSize);
                for (var i = b * blockSize; i < end; i++)
                {
                    running += closest[i];
                    if (running >= target)
                    {
                        return i;
                    }
                }

                // Rounding put the target past this block's own running sum: keep looking in the next blocks.
                if (b == blockPotential.Length - 1)
                {
                    return n - 1;
                }

                continue;
            }

            running += blockPotential[b];
        }

        return n - 1;
    }

    private static void ForEachBlock(int blocks, ParallelOptions parallel, Action<int> body)
    {
        if (blocks == 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (var b = 0; b < blocks; b++)
            {
                body(b);
            }

            return;
        }

        Parallel.For(0, blocks, parallel, body);
    }
}
