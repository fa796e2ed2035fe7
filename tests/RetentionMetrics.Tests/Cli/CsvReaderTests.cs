using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Cli.Csv;

namespace RetentionMetrics.Tests.Cli;

public class CsvReaderTests
{
    [Fact]
    public void Read_PlainQuotedAndCrlfRows_GivesTheFieldsUnescaped()
    {
        using var reader = Open("\uFEFFid,name,note\r\n1,plain,x\r\n2,\"quoted, with comma\",\"say \"\"hi\"\"\"\r\n\r\n3,\"two\nlines\",\r\n");

        Assert.Equal(["id", "name", "note"], reader.Header);
        Assert.True(reader.Read());
        Assert.Equal((2L, "plain", "x"), (reader.LineNumber, reader.FieldText(1), reader.FieldText(2)));
        Assert.True(reader.Read());
        Assert.Equal((3L, "quoted, with comma", "say \"hi\""), (reader.LineNumber, reader.FieldText(1), reader.FieldText(2)));
        Assert.True(reader.Read());
        Assert.Equal((5L, "two\nlines", "", 3), (reader.LineNumber, reader.FieldText(1), reader.FieldText(2), reader.FieldCount));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_LastRowWithoutNewline_IsRead()
    {
        using var reader = Open("a,b\n1,2");

        Assert.True(reader.Read());
        Assert.Equal("2", reader.FieldText(1));
        Assert.False(reader.Read());
    }

    [Fact]
    public void Read_RowsLongerThanTheBuffer_AreRead()
    {
        var wide = new string('x', 3 << 20);
        using var reader = Open($"a,b\n1,{wide}\n2,\"{wide}\"\n");

        Assert.True(reader.Read());
        Assert.Equal(wide.Length, reader.Field(1).Length);
        Assert.True(reader.Read());
        Assert.Equal(wide.Length, reader.Field(1).Length);
    }

    [Fact]
    public void Read_UnclosedQuote_ThrowsNamingTheLine()
    {
        using var reader = Open("a,b\n1,2\n3,\"never closed\n");
        Assert.True(reader.Read());

        var error = Assert.Throws<CsvDataException>(() => reader.Read());

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Open_EmptyFile_Throws()
    {
        var error = Assert.Throws<CsvDataException>(() => Open(string.Empty));

        Assert.Equal("test.csv: The file is empty: expected a header row.", error.Message);
    }

    [Fact]
    public void Require_MissingColumn_ListsTheColumns()
    {
        using var reader = Open("customer,day\n");

        var error = Assert.Throws<CsvDataException>(() => reader.Require("amount", "--amount-column"));

        Assert.Equal("test.csv, line 1: There is no column 'amount' (set it with --amount-column); the columns are 'customer', 'day'.", error.Message);
    }

    [Fact]
    public void Field_ShortRow_ThrowsNamingLineAndColumn()
    {
        using var reader = Open("a,b,c\n1,2\n");
        reader.Read();

        var error = Assert.Throws<CsvDataException>(() => reader.Field(2));

        Assert.Equal((2L, "c"), (error.Line, error.Column));
    }

    [Property(MaxTest = 300)]
    public Property Read_WrittenFields_RoundTrip() =>
        // Any table of fields written with RFC 4180 quoting reads back field for field.
        Prop.ForAll(Arb.From(Gen.Elements("a", "", " b ", "x,y", "q\"q", "line\nbreak", "ü€", "\"").ArrayOf().Where(r => r.Length > 0).ArrayOf()),
            rows =>
            {
                var width = rows.Length == 0 ? 1 : rows.Max(r => r.Length);
                var table = rows.Where(r => !(r.Length == 1 && r[0].Length == 0))
                    .Select(r => r.Concat(Enumerable.Repeat("z", width - r.Length)).ToArray()).ToArray();
                var text = new StringBuilder(string.Join(',', Enumerable.Range(0, width).Select(i => $"c{i}")) + "\n");
                foreach (var row in table)
                {
                    text.Append(string.Join(',', row.Select(f => f.AsSpan().IndexOfAny(",\"\n") >= 0 ? "\"" + f.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : f))).Append('\n');
                }

                using var reader = Open(text.ToString());
                var read = new List<string[]>();
                while (reader.Read())
                {
                    read.Add(Enumerable.Range(0, reader.FieldCount).Select(reader.FieldText).ToArray());
                }

                return read.Count == table.Length && read.Zip(table).All(p => p.First.SequenceEqual(p.Second));
            });

    [Property(MaxTest = 300)]
    public Property Read_ArbitraryBytes_NeverCrashes() =>
        // Hostile input: either rows or a positioned CsvDataException, nothing else.
        Prop.ForAll(Arb.From(Gen.Elements((byte)'a', (byte)',', (byte)'"', (byte)'\n', (byte)'\r', (byte)0, (byte)0xFF, (byte)'1').ArrayOf()), bytes =>
        {
            try
            {
                using var reader = CsvReader.FromStream(new MemoryStream(bytes), "hostile.csv");
                while (reader.Read())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader[i].Length;
                    }
                }

                return true;
            }
            catch (CsvDataException e)
            {
                return e.File == "hostile.csv";
            }
        });

    private static CsvReader Open(string text) => CsvReader.FromStream(new MemoryStream(Encoding.UTF8.GetBytes(text)), "test.csv");
}
