using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Cli.Csv;

namespace RetentionMetrics.Tests.Cli;

public class Utf8KeyInternerTests
{
    [Fact]
    public void GetOrAdd_ShortAndLongKeys_NumbersInOrderOfFirstAppearance()
    {
        var interner = new Utf8KeyInterner(expectedKeys: 1);
        var keys = new[] { "7", "customer-0000000001", "7", "12345678", "123456789", "customer-0000000001", "12345678" };

        var numbers = keys.Select(k => (interner.GetOrAdd(Encoding.UTF8.GetBytes(k), out var added), added)).ToArray();

        // Worked by hand: "7" → 0, the long id → 1, "12345678" (8 bytes, packed) → 2, "123456789" (9 bytes, long) → 3.
        Assert.Equal([(0, true), (1, true), (0, false), (2, true), (3, true), (1, false), (2, false)], numbers);
        Assert.Equal(4, interner.Count);
    }

    [Fact]
    public void GetOrAdd_KeysThatDifferOnlyInTrailingZeroBytes_AreDistinct()
    {
        // Packing pads short keys with zero bytes; the length keeps "a" and "a\0" apart.
        var interner = new Utf8KeyInterner();

        var first = interner.GetOrAdd("a"u8, out _);
        var second = interner.GetOrAdd("a\0"u8, out var added);

        Assert.Equal((0, 1, true), (first, second, added));
    }

    [Property(MaxTest = 200)]
    public Property GetOrAdd_AnyKeys_AgreesWithADictionary()
    {
        var key =
            from length in Gen.Choose(1, 24)
            from seed in Gen.Choose(0, 40)
            select new string((char)('a' + (seed % 3)), length % 3 == 0 ? length : 1 + (seed % 12)) + seed.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Prop.ForAll(Arb.From(key.ArrayOf()), keys =>
        {
            // Start tiny so that the table grows several times during the run.
            var interner = new Utf8KeyInterner(expectedKeys: 1);
            var reference = new Dictionary<string, int>();
            foreach (var k in keys)
            {
                var number = interner.GetOrAdd(Encoding.UTF8.GetBytes(k), out var added);
                var expectedAdded = !reference.TryGetValue(k, out var expected);
                if (expectedAdded)
                {
                    expected = reference.Count;
                    reference[k] = expected;
                }

                if (number != expected || added != expectedAdded)
                {
                    return false;
                }
            }

            return interner.Count == reference.Count;
        });
    }

    [Property(MaxTest = 300)]
    public Property Pack_AnyKeyUpToEightBytes_EqualsTheBytesCopiedIntoALittleEndianWord() =>
        Prop.ForAll(Arb.From(Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf().Where(a => a.Length <= 8)), bytes =>
        {
            // The reference: byte i at bits 8i, as a copy into a zeroed ulong leaves it on a little-endian machine.
            var expected = 0UL;
            for (var i = 0; i < bytes.Length; i++)
            {
                expected |= (ulong)bytes[i] << (8 * i);
            }

            return Utf8KeyInterner.Pack(bytes) == expected
                && Utf8KeyInterner.ShortKeyHash(expected, bytes.Length) == Utf8KeyInterner.Hash(bytes);
        });
}
