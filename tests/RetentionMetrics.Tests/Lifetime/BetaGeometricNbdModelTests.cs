using RetentionMetrics.Lifetime;

namespace RetentionMetrics.Tests.Lifetime;

public class BetaGeometricNbdModelTests
{
    [Fact]
    public void Fit_Cdnow_ReproducesPublishedEstimates()
    {
        // Fader, Hardie & Lee (2005), "Counting Your Customers the Easy Way", Marketing Science 24(2), 275–284:
        // on the CDNOW sample (2,357 customers, 39-week calibration, weeks) r = 0.243, α = 4.414, a = 0.793,
        // b = 2.426, LL = −9582.4.
        var model = BetaGeometricNbdModel.Fit(LifetimeTestData.Cdnow);

        Assert.True(model.Diagnostics!.Converged, model.Diagnostics.Reason);
        Assert.Equal(0.243, model.R, 3);
        Assert.Equal(4.414, model.Alpha, 3);
        Assert.Equal(0.793, model.A, 3);
        Assert.Equal(2.426, model.B, 3);
        Assert.Equal(-9582.4, model.Diagnostics.LogLikelihood, 1);
        Assert.Equal(2357, model.Diagnostics.Customers);
    }
}
