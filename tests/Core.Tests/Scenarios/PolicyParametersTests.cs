using MecActors.Core.Scenarios;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

public sealed class PolicyParametersTests
{
    private sealed record Window(int Slots);

    private sealed record Temperature(double Kelvin);

    [Fact]
    public void A_policy_finds_its_parameters_by_type()
    {
        var parameters = new PolicyParameters(new Window(10), new Temperature(0.5));

        Assert.Equal(new Window(10), parameters.Get<Window>());
        Assert.Equal(new Temperature(0.5), parameters.Get<Temperature>());
    }

    [Fact]
    public void Parameters_the_scenario_does_not_give_are_an_error_naming_their_type()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PolicyParameters.None.Get<Window>());

        Assert.Contains(nameof(Window), error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_records_of_one_type_are_rejected()
    {
        Assert.Throws<ArgumentException>(() => new PolicyParameters(new Window(1), new Window(2)));
    }
}
