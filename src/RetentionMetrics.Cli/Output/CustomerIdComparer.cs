namespace RetentionMetrics.Cli.Output;

/// <summary>Orders customer ids as people expect: numeric ids by value (2 before 10), others ordinally.</summary>
internal sealed class CustomerIdComparer : IComparer<string>
{
    public static CustomerIdComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return string.CompareOrdinal(x, y);
        }

        if (IsDigits(x) && IsDigits(y))
        {
            var a = x.TrimStart('0');
            var b = y.TrimStart('0');
            var byLength = a.Length.CompareTo(b.Length);
            if (byLength != 0)
            {
                return byLength;
            }

            var byDigits = string.CompareOrdinal(a, b);
            return byDigits != 0 ? byDigits : string.CompareOrdinal(x, y);
        }

        return string.CompareOrdinal(x, y);
    }

    private static bool IsDigits(string s) => s.Length > 0 && s.AsSpan().IndexOfAnyExceptInRange('0', '9') < 0;
}
