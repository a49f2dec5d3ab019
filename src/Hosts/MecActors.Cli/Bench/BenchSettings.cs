namespace MecActors.Cli.Bench;

/// <summary>One measured configuration: U devices over <paramref name="Slots"/> slots.</summary>
internal sealed record BenchCaseSpec(int Devices, int Slots);

/// <param name="ScenarioPath">The scenario file, as resolved.</param>
internal sealed record BenchSettings(string ScenarioPath, string Policy, IReadOnlyList<BenchCaseSpec> Cases, int Repeat)
{
    /// <summary>Slots when --slots is not given: 200 for up to 300 devices, 50 above (a run of the larger scale then lasts about as long).</summary>
    public static int DefaultSlots(int devices) => devices <= 300 ? 200 : 50;
}
