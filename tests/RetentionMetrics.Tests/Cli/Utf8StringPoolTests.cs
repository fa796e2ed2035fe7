using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Cli.Csv;

namespace RetentionMetrics.Tests.Cli;

public class Utf8StringPoolTests
{
    [Property(MaxTest = 300)]
    public Property Get_GivesOneInstancePerDistinctKey() =>
        // Keys short and long (over 8 bytes), with repeats; enough of them to make the table grow.
        Prop.ForAll(Arb.From(Gen.Elements("1", "00001", "12345678", "123456789", "customer-0001", "ü", "").ArrayOf()), Arb.From(Gen.Choose(0, 5000)), (keys, extra) =>
        {
            var pool = new Utf8StringPool();
            var all = keys.Concat(Enumerable.Range(0, extra).Select(i => $"k{i}")).Where(k => k.Length > 0).ToArray();
            var first = new Dictionary<string, string>();
            foreach (var key in all)
            {
                var got = pool.Get(Encoding.UTF8.GetBytes(key));
                if (got != key || (first.TryGetValue(key, out var earlier) && !ReferenceEquals(earlier, got)))
                {
                    return false;
                }

                first.TryAdd(key, got);
            }

            return all.All(k => ReferenceEquals(first[k], pool.Get(Encoding.UTF8.GetBytes(k))));
        });
}
