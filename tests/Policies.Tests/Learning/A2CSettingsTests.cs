using MecActors.Policies.Learning.JointA2C;
using Xunit;

namespace MecActors.Policies.Tests.Learning;

public class A2CSettingsTests
{
    [Theory]
    [InlineData(0, 1.0)]
    [InlineData(25_000, 0.55)]
    [InlineData(50_000, 0.1)]
    [InlineData(80_000, 0.1)]
    public void Learning_rate_and_entropy_anneal_linearly_to_the_floor_then_stay(long slots, double factor)
    {
        var settings = A2CSettings.Paper with { AnnealSlots = 50_000, AnnealFloor = 0.1 };

        Assert.Equal(factor, settings.Anneal(slots), 12);
    }

    [Fact]
    public void Without_an_anneal_horizon_the_rates_stay_at_their_base()
    {
        var settings = A2CSettings.Paper with { AnnealSlots = 0 };

        Assert.Equal(1.0, settings.Anneal(1_000_000));
    }
}
