using NodaTime;
using RetentionMetrics.Cohorts;

namespace RetentionMetrics.Tests.Cohorts;

public class CohortTableTests
{
    private static readonly Cohort January = new(null, new LocalDate(2024, 1, 1), "2024-01", 2);
    private static readonly Cohort February = new(null, new LocalDate(2024, 2, 1), "2024-02", 4);
    private static readonly OffsetBracket[] TwoOffsets = [OffsetBracket.Single(0), OffsetBracket.Single(1)];

    private static CohortTable Small(CohortMeasure measure = CohortMeasure.Retention, double? last = null) =>
        new(CohortPeriod.Month, measure, new LocalDate(2024, 2, 29), [January, February], TwoOffsets, new double?[,] { { 1, 0.5 }, { 1, last } });

    [Fact]
    public void Indexer_UnobservableCell_IsNull()
    {
        var table = Small();

        Assert.Equal(0.5, table[0, 1]);
        Assert.Null(table[1, 1]);
        Assert.False(table.IsObservable(1, 1));
        Assert.True(table.IsObservable(1, 0));
    }

    [Fact]
    public void Averages_WeightBySizeOverObservableCellsOnly()
    {
        // Offset 0: (2·1 + 4·1)/6 = 1. Offset 1: only January is observable, so 0.5 (not (2·0.5 + 4·0)/6).
        Assert.Equal([1, 0.5], Small().Averages);
    }

    [Fact]
    public void ToJson_IsTheCliShapeWithNullForUnobservable()
    {
        Assert.Equal(
            """[{"cohort":"2024-01","size":2,"values":[1,0.5]},{"cohort":"2024-02","size":4,"values":[1,null]}]""",
            Small().ToJson());
    }

    [Fact]
    public void ToJson_Grouped_PutsTheGroupFirst()
    {
        var table = new CohortTable(CohortPeriod.Month, CohortMeasure.ActiveCustomers, null, [January with { Group = "ads" }], [OffsetBracket.Single(0)], new double?[,] { { 2 } });

        Assert.Equal("""[{"group":"ads","cohort":"2024-01","size":2,"values":[2]}]""", table.ToJson());
    }

    [Fact]
    public void ToCsv_LeavesUnobservableCellsEmpty()
    {
        Assert.Equal("cohort,size,0,1\n2024-01,2,1,0.5\n2024-02,4,1,\n", Small().ToCsv());
    }

    [Fact]
    public void ToText_AlignsColumnsShowsPercentagesAndAverage()
    {
        var expected =
            "cohort   size       0      1\n" +
            "2024-01     2  100.0%  50.0%\n" +
            "2024-02     4  100.0%\n" +
            "average     6  100.0%  50.0%\n";

        Assert.Equal(expected, Small().ToText());
    }

    [Fact]
    public void ToMarkdown_IsAPipeTableWithRightAlignedNumbers()
    {
        var expected =
            "| cohort | size | 0 | 1 |\n" +
            "| --- | ---: | ---: | ---: |\n" +
            "| 2024-01 | 2 | 100.0% | 50.0% |\n" +
            "| 2024-02 | 4 | 100.0% |  |\n" +
            "| average | 6 | 100.0% | 50.0% |\n";

        Assert.Equal(expected, Small().ToMarkdown());
    }

    [Fact]
    public void Equals_SameParts_AreEqualAndDifferentCellsAreNot()
    {
        Assert.Equal(Small(), Small());
        Assert.Equal(Small().GetHashCode(), Small().GetHashCode());
        Assert.True(Small() == Small());
        Assert.NotEqual(Small(), Small(last: 0.25));
        Assert.NotEqual(Small(), Small(CohortMeasure.UnboundedRetention));
        Assert.True(Small() != Small(last: 0));
    }

    [Fact]
    public void Constructor_CellsOfWrongShape_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CohortTable(CohortPeriod.Month, CohortMeasure.Retention, null, [January], TwoOffsets, new double?[1, 3]));

        Assert.Equal("cells", error.ParamName);
    }

    [Fact]
    public void Constructor_NaNCell_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CohortTable(CohortPeriod.Month, CohortMeasure.Retention, null, [January], [OffsetBracket.Single(0)], new double?[,] { { double.NaN } }));

        Assert.Equal("cells", error.ParamName);
    }

    [Fact]
    public void Indexer_OutsideTheTable_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Small()[2, 0]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Small()[0, -1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => Small().Row(5));
    }

    [Fact]
    public void OffsetBracket_InvalidRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OffsetBracket(-1, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new OffsetBracket(3, 2));
        Assert.Equal("8-30", new OffsetBracket(8, 30).ToString());
        Assert.Equal("0", default(OffsetBracket).ToString());
    }
}
