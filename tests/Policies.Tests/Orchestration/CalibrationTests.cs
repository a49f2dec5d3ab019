using MecActors.Core.Decisions;
using MecActors.Policies.Orchestration;
using Xunit;

namespace MecActors.Policies.Tests.Orchestration;

public sealed class CalibrationTests
{
    private static readonly CalibrationSystem System = new(1.2e6, 32e3, 8e3, 1e9, 10e9, 0.01026e9, 0.020, 0.137, 2, 4);

    [Fact]
    public void Least_squares_recovers_the_rates_that_produced_the_times()
    {
        var settings = OrchestrationSettings.Of(OrchestrationScenarios.System("orchestration.conf", 5));
        var truth = new CalibratedRates(0.04, 1 / 1.5e9, 1 / 3.0e9, 1 / 1.2e9, 1 / 1.8e9);
        string[][] decisions =
        [
            ["d0,L", "d0,L", "d0,L", "d0,L", "d0,L"],
            ["d0,E", "d0,E", "d0,E", "d0,E", "d0,E"],
            ["d0,C", "d0,C", "d0,C", "d0,C", "d0,C"],
            ["d7,L", "d6,L", "d0,E", "d0,C", "d4,L"],
            ["d0,C"],
            ["d2,L", "d0,E"],
        ];
        var observations = decisions.Select((d, i) => Observation(settings, d, i < 3 ? false : true, truth)).ToList();

        var fitted = Calibration.Fit(System, observations);

        Assert.Equal(truth.InferenceOverheadSeconds, fitted.InferenceOverheadSeconds, 9);
        Assert.Equal(truth.DeviceSecondsPerMac, fitted.DeviceSecondsPerMac, 15);
        Assert.Equal(truth.DeviceInt8SecondsPerMac, fitted.DeviceInt8SecondsPerMac, 15);
        Assert.Equal(truth.EdgeSecondsPerMac, fitted.EdgeSecondsPerMac, 15);
        Assert.Equal(truth.CloudSecondsPerMac, fitted.CloudSecondsPerMac, 15);
    }

    [Fact]
    public void A_weak_device_pays_the_weak_request_even_when_it_computes_locally()
    {
        var settings = OrchestrationSettings.Of(OrchestrationScenarios.System("orchestration.conf", 5));
        var rates = new CalibratedRates(0.04, 1 / 1.5e9, 1 / 3.0e9, 1 / 1.2e9, 1 / 1.8e9);
        var local = new[] { Calibration.ParseAction("d0,L", settings.Variants) };
        var regular = Calibration.Predict(System, rates, new CalibrationObservation("A", "A", local, true, 0));
        var weak = Calibration.Predict(System, rates, new CalibrationObservation("D", "D", local, true, 0));

        Assert.True(weak - regular > 0.117 - 1e-9, $"{weak} vs {regular}");
        Assert.Equal(NodeKind.Device, local[0].Node);
    }

    private static CalibrationObservation Observation(OrchestrationSettings settings, string[] decisions, bool orchestrated, CalibratedRates truth)
    {
        var actions = decisions.Select(d => Calibration.ParseAction(d, settings.Variants)).ToArray();
        var seconds = Calibration.Predict(System, truth, new CalibrationObservation("", "A", actions, orchestrated, 0));
        return new CalibrationObservation("", "A", actions, orchestrated, seconds * 1e3);
    }
}
