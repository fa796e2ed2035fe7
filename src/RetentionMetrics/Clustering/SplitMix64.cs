namespace RetentionMetrics.Clustering;

/// A small, fast, seedable generator (Steele, Lea and Flood 2014) whose sequence never changes between .NET
/// versions, unlike System.Random; restarts and samples derive their streams from it.
internal struct SplitMix64
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private ulong state;

    internal SplitMix64(ulong seed) => state = seed;

    /// <summary>A generator for one use of a seed: restart <paramref name="stream"/>, a sample, and so on.</summary>
    internal static SplitMix64 ForStream(long seed, long stream) =>
        new(Mix(unchecked((ulong)seed + Mix(unchecked((ulong)stream * Golden) ^ 0xD1B54A32D192ED03UL))));

    internal static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    internal ulong NextUInt64()
    {
        unchecked
        {
            state += Golden;
        }

        return Mix(state);
    }

    /// <summary>A uniform double in [0, 1).</summary>
    internal double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="maximum"/>).</summary>
    internal int NextInt(int maximum) => (int)Math.Min(maximum - 1, (long)(NextDouble() * maximum));
}
