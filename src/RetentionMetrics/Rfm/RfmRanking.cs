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
        if (range < (ulong)Math.Max(1 << 16, count / 8))
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

    /// <summary>NTILE(n) over keys ascending (worst first), ties in the order of <paramref name="tieOrder"/>.</summary>
    public static void ScoreEqualCount(ReadOnlySpan<long> keys, int bins, Span<int> scores, int[] tieOrder)
    {
        var count = keys.Length;
        if (count == 0)
        {
            return;
        }

        // The radix sort is stable, so starting from the tie order leaves equal keys in that order.
        var order = SortedOrder(keys, tieOrder);

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

    /// <summary>Positions 0..N-1 ordered by key ascending, stable: equal keys keep the order of <paramref name="initialOrder"/>.</summary>
    public static int[] SortedOrder(ReadOnlySpan<long> keys, int[]? initialOrder = null)
    {
        var count = keys.Length;
        var order = new int[count];
        if (count == 0)
        {
            return order;
        }

        // Keys relative to the minimum, so only the bytes the range needs are sorted on (LSD, 8 bits a pass).
        MinMax(keys, out var min, out var max);
        var range = unchecked((ulong)max - (ulong)min);
        var digits = 0;
        while (digits < 8 && (range >> (digits * 8)) != 0)
        {
            digits++;
        }

        var bits = new ulong[count];
        var histogram = new int[Math.Max(1, digits) * 256];
        for (var i = 0; i < count; i++)
        {
            var position = initialOrder is null ? i : initialOrder[i];
            order[i] = position;
            var u = unchecked((ulong)keys[position] - (ulong)min);
            bits[i] = u;
            for (var d = 0; d < digits; d++)
            {
                histogram[(d << 8) + (int)((u >> (d * 8)) & 0xFF)]++;
            }
        }

        var bitsSpare = new ulong[count];
        var orderSpare = new int[count];
        Span<int> offsets = stackalloc int[256];
        for (var d = 0; d < digits; d++)
        {
            var digitCounts = histogram.AsSpan(d << 8, 256);
            if (digitCounts.Contains(count))
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

        if (scale <= 18 && TryScaledKeys(values, scale, keys))
        {
            return keys;
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

    /// <summary>Each value times 10^scale as a long, read from the decimal's own mantissa; false when one does not fit.</summary>
    private static bool TryScaledKeys(ReadOnlySpan<decimal> values, int scale, long[] keys)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < values.Length; i++)
        {
            decimal.GetBits(values[i], bits);
            if (bits[2] != 0)
            {
                return false;
            }

            var mantissa = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            var shift = scale - ((bits[3] >> 16) & 0xFF);
            var high = Math.BigMul(mantissa, PowersOfTen[shift], out var scaled);
            if (high != 0 || scaled > long.MaxValue)
            {
                return false;
            }

            keys[i] = bits[3] < 0 ? -(long)scaled : (long)scaled;
        }

        return true;
    }

    private static readonly ulong[] PowersOfTen =
    [
        1UL, 10UL, 100UL, 1_000UL, 10_000UL, 100_000UL, 1_000_000UL, 10_000_000UL, 100_000_000UL, 1_000_000_000UL,
        10_000_000_000UL, 100_000_000_000UL, 1_000_000_000_000UL, 10_000_000_000_000UL, 100_000_000_000_000UL,
        1_000_000_000_000_000UL, 10_000_000_000_000_000UL, 100_000_000_000_000_000UL, 1_000_000_000_000_000_000UL,
    ];
}
