using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace RetentionMetrics.Tests.Churn;

/// <summary>An activity record: a customer and a day.</summary>
public sealed record Activity(string Customer, LocalDate Date);

/// <summary>A subscription change: a customer, the day it takes effect and the new MRR (0 = cancelled).</summary>
public sealed record MrrChange(string Customer, LocalDate Effective, decimal Mrr);

/// <summary>FsCheck generators of small activity and subscription logs: few customers, so repeats and ties happen.</summary>
public static class ChurnGenerators
{
    public static readonly LocalDate Start = new(2024, 1, 1);

    public static Gen<Activity> Activity { get; } =
        from customer in Gen.Choose(0, 9)
        from day in Gen.Choose(0, 400)
        select new Activity($"c{customer}", Start.PlusDays(day));

    public static Gen<MrrChange> Change { get; } =
        from customer in Gen.Choose(0, 6)
        from day in Gen.Choose(0, 300)
        from level in Gen.Choose(0, 6)
        select new MrrChange($"s{customer}", Start.PlusDays(day), level * 12.5m);

    public static Arbitrary<Activity[]> ActivityLogs { get; } = Arb.From(Activity.ArrayOf());

    public static Arbitrary<MrrChange[]> ChangeLogs { get; } = Arb.From(Change.ArrayOf());

    public static Arbitrary<int> Cuts { get; } = Arb.From(Gen.Choose(0, 1000));

    public static Arbitrary<int> Windows { get; } = Arb.From(Gen.Choose(0, 120));

    public static Arbitrary<int> Periods { get; } = Arb.From(Gen.Choose(0, 3));
}
