namespace RetentionMetrics.Rfm;

/// Exact ranking of one dimension: values arrive as long keys where larger is better, scores go to an int array.
/// Small key ranges are counted in a histogram; wide ones are radix-sorted once and scored by scanning runs of equal
/// keys, so 1 million customers cost a few linear passes, never a comparison sort.
internal static class RfmRanking
{
    /// <summary>score = 1 + ⌊n · below(v) / N⌋ with below(v) the number of keys strictly smaller than v.</summary>
    public static void ScoreCountBelow(ReadOnlySpan<long> keys, int bins, Span<int> scores)
    {
        var count = keys.Length;
        if (count == 0)
        {
            return;
        }

        MinMax(keys, out var min, out var max);
        var range = (ulong)((System.Int128)max - min);
        if (range < (ulong)count * 4 + 1024)
        {
            // Histogram of keys, then the exclusive prefix sum is below(v) for each distinct key.
            var below = new int[(int)range + 1];
            foreach (var key in keys)
            {
                below[(int)(key - min)]++;
            }

            var running = 0;
            for (var v = 0; v < below.Length; v++)
            {
                var here = below[v];
                below[v] = running;
                running += here;
            }

            for (var i = 0; i < count; i++)
            {
                scores[i] = 1 + (int)((long)bins * below[(int)(keys[i] - min)] / count);
            }

            return;
        }

        var order = SortedOrder(keys);
        var start = 0;
        while (start < count)
        {
            var key = keys[order[start]];
            var end = start + 1;
            while (end < count && keys[order[end]] == key)
            {
                end++;
            }

            var score = 1 + (int)((long)bins * start / count);
            for (var j = start; j < end; j++)
            {
                scores[order[j]] = score;
            }

            start = end;
        }
    }

    /// <summary>NTILE(n) over keys ascending (worst first), ties broken by <paramref name="tieBreak"/> over positions.</summary>
    public static void ScoreEqualCount(ReadOnlySpan<long> keys, int bins, Span<int> scores, Comparison<int> tieBreak)
    {
        var count = keys.Length;
        if (count == 0)
        {
            return;
        }

        var order = SortedOrder(keys);
        var start = 0;
        while (start < count)
        {
            var key = keys[order[start]];
            var end = start + 1;
            while (end < count && keys[order[end]] == key)
            {
                end++;
            }

            if (end - start > 1)
            {
                order.AsSpan(start, end - start).Sort(tieBreak);
            }

            start = end;
        }

        // NTILE: bins of size ⌊N/n⌋, the first N mod n of them one larger.
        long small = count / bins, remainder = count % bins, large = small + 1;
        for (var position = 0; position < count; position++)
        {
            long bin = position < remainder * large
                ? position / large
                : remainder + (position - remainder * large) / small;
            scores[order[position]] = 1 + (int)bin;
        }
    }

    /// <summary>Positions 0..N-1 ordered by key ascending, stable (equal keys keep their input order).</summary>
    public static int[] SortedOrder(ReadOnlySpan<long> keys)
    {
        var count = keys.Length;
        var bits = new ulong[count];
        Span<int> histogram = stackalloc int[8 * 256];
        for (var i = 0; i < count; i++)
        {
            var u = unchecked((ulong)keys[i] ^ 0x8000_0000_0000_0000UL);
            bits[i] = u;
            for (var d = 0; d < 8; d++)
            {
                histogram[(d << 8) + (int)((u >> (d * 8)) & 0xFF)]++;
            }
        }

        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }

        var bitsSpare = new ulong[count];
        var orderSpare = new int[count];
        Span<int> offsets = stackalloc int[256];
        for (var d = 0; d < 8; d++)
        {
            var digitCounts = histogram.Slice(d << 8, 256);
            var trivial = false;
            foreach (var c in digitCounts)
            {
                if (c == count)
                {
                    trivial = true;
                    break;
                }
            }

            if (trivial)
            {
                continue;
            }

            var running = 0;
            for (var b = 0; b < 256; b++)
            {
                offsets[b] = running;
                running += digitCounts[b];
            }

            var shift = d * 8;
            for (var i = 0; i < count; i++)
            {
                var u = bits[i];
                var target = offsets[(int)((u >> shift) & 0xFF)]++;
                bitsSpare[target] = u;
                orderSpare[target] = order[i];
            }

            (bits, bitsSpare) = (bitsSpare, bits);
            (order, orderSpare) = (orderSpare, order);
        }

        return order;
    }

    private static void MinMax(ReadOnlySpan<long> keys, out long min, out long max)
    {
        min = long.MaxValue;
        max = long.MinValue;
        foreach (var key in keys)
        {
            min = Math.Min(min, key);
            max = Math.Max(max, key);
        }
    }

    /// <summary>
    /// Order-preserving long keys for decimals: the values scaled to integers when they fit, else their dense ranks.
    /// </summary>
    public static long[] DecimalKeys(ReadOnlySpan<decimal> values)
    {
        var count = values.Length;
        var keys = new long[count];
        var scale = 0;
        foreach (var value in values)
        {
            scale = Math.Max(scale, value.Scale);
        }

        if (scale <= 18)
        {
            var factor = Pow10(scale);
            var fits = true;
            for (var i = 0; i < count && fits; i++)
            {
                try
                {
                    var scaled = values[i] * factor;
                    if (scaled is >= long.MinValue and <= long.MaxValue)
                    {
                        keys[i] = (long)scaled;
                    }
                    else
                    {
                        fits = false;
                    }
                }
                catch (OverflowException)
                {
                    fits = false;
                }
            }

            if (fits)
            {
                return keys;
            }
        }

        var sorted = values.ToArray();
        var positions = new int[count];
        for (var i = 0; i < count; i++)
        {
            positions[i] = i;
        }

        Array.Sort(sorted, positions);
        var rank = 0L;
        for (var i = 0; i < count; i++)
        {
            if (i > 0 && sorted[i] != sorted[i - 1])
            {
                rank++;
            }

            keys[positions[i]] = rank;
        }

        return keys;
    }

    private static decimal Pow10(int exponent)
    {
        var result = 1m;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10m;
        }

        return result;
    }
}
