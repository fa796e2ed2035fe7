using System.Numerics;

namespace RetentionMetrics.Clustering;

/// Distance kernels shared by every k-means path. Every squared distance is accumulated feature by feature, in
/// feature order, with separate multiply and add (no fused multiply-add), so the scalar and the vector kernels give
/// bitwise equal results; that is what lets the accelerated and the plain Lloyd agree exactly.
internal static class KMeansKernels
{
    /// <summary>The number of centroid slots after padding to a whole number of vectors.</summary>
    internal static int PaddedCount(int k)
    {
        var width = Vector.IsHardwareAccelerated ? Vector<double>.Count : 1;
        return (k + width - 1) / width * width;
    }

    internal static double SquaredDistance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0d;
        for (var j = 0; j < a.Length; j++)
        {
            var difference = a[j] - b[j];
            sum += difference * difference;
        }

        return sum;
    }

    /// <summary>Writes the centroids feature-major (<c>transposed[j * padded + c]</c>), padding with zeros.</summary>
    internal static void Transpose(ReadOnlySpan<double> centers, int k, int d, Span<double> transposed, int padded)
    {
        transposed.Clear();
        for (var c = 0; c < k; c++)
        {
            for (var j = 0; j < d; j++)
            {
                transposed[(j * padded) + c] = centers[(c * d) + j];
            }
        }
    }

    /// <summary>Squared distances from one point to every (padded) centroid, several centroids per vector.</summary>
    internal static void Distances(ReadOnlySpan<double> point, ReadOnlySpan<double> transposed, int padded, Span<double> output)
    {
        if (Vector.IsHardwareAccelerated && padded >= Vector<double>.Count)
        {
            var width = Vector<double>.Count;
            for (var c = 0; c < padded; c += width)
            {
                var sum = Vector<double>.Zero;
                for (var j = 0; j < point.Length; j++)
                {
                    var difference = new Vector<double>(point[j]) - new Vector<double>(transposed.Slice((j * padded) + c, width));
                    sum += difference * difference;
                }

                sum.CopyTo(output.Slice(c, width));
            }

            return;
        }

        output[..padded].Clear();
        for (var j = 0; j < point.Length; j++)
        {
            var row = transposed.Slice(j * padded, padded);
            var value = point[j];
            for (var c = 0; c < padded; c++)
            {
                var difference = value - row[c];
                output[c] += difference * difference;
            }
        }
    }

    /// <summary>The index of the smallest of the first <paramref name="k"/> distances (lowest index on ties) and the second smallest value.</summary>
    internal static int ArgMin(ReadOnlySpan<double> distances, int k, out double smallest, out double secondSmallest)
    {
        var best = 0;
        smallest = distances[0];
        secondSmallest = double.PositiveInfinity;
        for (var c = 1; c < k; c++)
        {
            var value = distances[c];
            if (value < smallest)
            {
                secondSmallest = smallest;
                smallest = value;
                best = c;
            }
            else if (value < secondSmallest)
            {
                secondSmallest = value;
            }
        }

        return best;
    }

    /// <summary>The nearest of <paramref name="k"/> row-major centroids (lowest index on ties), with its squared distance.</summary>
    internal static int Nearest(ReadOnlySpan<double> point, ReadOnlySpan<double> centers, int k, out double squaredDistance)
    {
        var d = point.Length;
        var best = 0;
        squaredDistance = SquaredDistance(point, centers[..d]);
        for (var c = 1; c < k; c++)
        {
            var distance = SquaredDistance(point, centers.Slice(c * d, d));
            if (distance < squaredDistance)
            {
                squaredDistance = distance;
                best = c;
            }
        }

        return best;
    }
}
