namespace RetentionMetrics.Rendering;

/// <summary>Maps a data range onto a pixel range; a degenerate or non-finite domain is widened so every output is finite.</summary>
internal readonly struct LinearScale
{
    internal LinearScale(double domainMin, double domainMax, double rangeMin, double rangeMax)
    {
        if (!double.IsFinite(domainMin) || !double.IsFinite(domainMax))
        {
            domainMin = 0d;
            domainMax = 1d;
        }

        if (domainMax < domainMin)
        {
            (domainMin, domainMax) = (domainMax, domainMin);
        }

        if (domainMax - domainMin < 1e-12 * Math.Max(1d, Math.Abs(domainMax)))
        {
            var pad = Math.Max(0.5, Math.Abs(domainMax) * 0.05);
            domainMin -= pad;
            domainMax += pad;
        }

        DomainMin = domainMin;
        DomainMax = domainMax;
        RangeMin = rangeMin;
        RangeMax = rangeMax;
    }

    internal double DomainMin { get; }

    internal double DomainMax { get; }

    internal double RangeMin { get; }

    internal double RangeMax { get; }

    internal double Map(double value)
    {
        if (!double.IsFinite(value))
        {
            return RangeMin;
        }

        var t = (value - DomainMin) / (DomainMax - DomainMin);
        var mapped = RangeMin + t * (RangeMax - RangeMin);
        return double.IsFinite(mapped) ? mapped : RangeMin;
    }

    /// <summary>About <paramref name="count"/> round tick values (1, 2 or 5 × a power of ten) inside the domain.</summary>
    internal IReadOnlyList<double> Ticks(int count = 5)
    {
        var span = DomainMax - DomainMin;
        var raw = span / Math.Max(1, count);
        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var step = (raw / magnitude) switch
        {
            < 1.5 => magnitude,
            < 3.5 => 2 * magnitude,
            < 7.5 => 5 * magnitude,
            _ => 10 * magnitude,
        };
        if (!double.IsFinite(step) || step <= 0)
        {
            return [DomainMin, DomainMax];
        }

        var ticks = new List<double>();
        for (var v = Math.Ceiling(DomainMin / step) * step; v <= DomainMax + step * 1e-9 && ticks.Count < 50; v += step)
        {
            ticks.Add(Math.Abs(v) < step * 1e-9 ? 0d : v);
        }

        return ticks;
    }
}
