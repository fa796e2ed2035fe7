using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using RetentionMetrics.Clustering;

namespace RetentionMetrics.Tests.Clustering;

public class FeatureScalerTests
{
    [Fact]
    public void Transform_Standard_WorkedExample()
    {
        // Column 1, 2, 3: mean 2, population deviation √(2/3), so z = ∓√(3/2) and 0.
        var features = new FeatureMatrix(3, 1, [1, 2, 3]);
        var scaler = FeatureScaler.Fit(features, FeatureScaling.Standard);

        Assert.Equal(2.0, scaler.Means[0]);
        Assert.Equal(Math.Sqrt(2.0 / 3), scaler.Scales[0], 15);
        var z = scaler.Transform(features);
        Assert.Equal(-Math.Sqrt(1.5), z[0, 0], 12);
        Assert.Equal(0.0, z[1, 0], 12);
        Assert.Equal(Math.Sqrt(1.5), z[2, 0], 12);
    }

    [Fact]
    public void Transform_ZeroVariance_GivesZerosWithScaleOne()
    {
        var features = new FeatureMatrix(3, 2, [5, 1, 5, 2, 5, 3]);
        var scaler = FeatureScaler.Fit(features, FeatureScaling.Standard);

        Assert.Equal(1.0, scaler.Scales[0]);
        var z = scaler.Transform(features);
        Assert.Equal([0.0, 0, 0], Enumerable.Range(0, 3).Select(i => z[i, 0]));
    }

    [Fact]
    public void Transform_LogStandard_WorkedExample()
    {
        // log1p of 0 and e − 1 is 0 and 1: mean 0.5, deviation 0.5, so −1 and 1.
        var features = new FeatureMatrix(2, 1, [0, Math.E - 1]);
        var z = FeatureScaler.Fit(features, FeatureScaling.LogStandard).Transform(features);

        Assert.Equal(-1.0, z[0, 0], 12);
        Assert.Equal(1.0, z[1, 0], 12);
    }

    [Fact]
    public void Fit_LogOfMinusOne_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<RetentionDataException>(() => FeatureScaler.Fit(new FeatureMatrix(2, 1, [3, -1]), FeatureScaling.LogStandard));

        Assert.Equal(1, error.Position);
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, ClusteringErrorMessages.LogOfValueBelowMinusOne, 0, -1), error.Reason);
    }

    [Fact]
    public void Transform_None_ChangesNothing()
    {
        var features = new FeatureMatrix(2, 1, [3, -7]);

        Assert.Equal(features, FeatureScaler.Fit(features, FeatureScaling.None).Transform(features));
    }

    [Fact]
    public void Transform_WrongColumns_Throws() =>
        Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(new FeatureMatrix(1, 1, [1]), FeatureScaling.Standard).Transform(new FeatureMatrix(1, 2, [1, 2])));

    [Property(MaxTest = 200)]
    public Property InverseTransform_UndoesTransform() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), Arb.From(Gen.Elements(FeatureScaling.None, FeatureScaling.Standard, FeatureScaling.LogStandard)), (c, scaling) =>
        {
            // Shift into log1p's domain (values above −1).
            var values = c.Features.AsSpan().ToArray().Select(v => v + 10).ToArray();
            var features = new FeatureMatrix(c.Features.Rows, c.Features.Columns, values);
            var scaler = FeatureScaler.Fit(features, scaling);
            var back = scaler.InverseTransform(scaler.Transform(features)).AsSpan().ToArray();
            return values.Zip(back).All(p => Math.Abs(p.First - p.Second) <= 1e-9 * Math.Max(1, Math.Abs(p.First)));
        });

    [Property(MaxTest = 200)]
    public Property Transform_Standard_IsInvariantToPositiveRescalingAndShifting() =>
        Prop.ForAll(ClusteringData.Arbitrary(integers: false), Arb.From(Gen.Choose(1, 1000)), Arb.From(Gen.Choose(-500, 500)), (c, factor, shift) =>
        {
            var moved = new FeatureMatrix(c.Features.Rows, c.Features.Columns, c.Features.AsSpan().ToArray().Select(v => (v * factor / 10.0) + shift).ToArray());
            var a = FeatureScaler.Fit(c.Features, FeatureScaling.Standard).Transform(c.Features).AsSpan().ToArray();
            var b = FeatureScaler.Fit(moved, FeatureScaling.Standard).Transform(moved).AsSpan().ToArray();
            return a.Zip(b).All(p => Math.Abs(p.First - p.Second) <= 1e-6);
        });
}
