using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.EarlyExitOffloading;

/// <summary>
/// The servers of paper 002 as its policies see them, from the scenario's <c>early-exit</c> section: each edge's kind,
/// each kind's inference time to every exit of the model (Table 5; seconds, index 0 = the first exit), and the
/// steepness of eq. (9)'s nonlinear function. A scenario without the section has no kinds (<see cref="None"/>).
/// </summary>
public sealed record EarlyExitServers(IReadOnlyList<string> Kinds, IReadOnlyList<double[]> ExitSeconds, double RewardSteepness)
{
    public const string Section = "early-exit";

    public static EarlyExitServers None { get; } = new([], [], 1.0);

    public bool IsDefined => Kinds.Count > 0;

    public int Exits => ExitSeconds.Count == 0 ? 0 : ExitSeconds[0].Length;

    /// <summary>The time of <paramref name="exit"/> (1-based) on <paramref name="edge"/> at its full capacity.</summary>
    public double Seconds(int edge, int exit) => ExitSeconds[edge][exit - 1];

    /// <summary>
    /// Reads <c>early-exit { servers = [kind per edge], exit-ms { kind = [ms per exit] }, reward-steepness }</c>: one kind
    /// per edge (<c>edges.count</c>), every kind's times positive and as many as the first model's exits. Without the
    /// section, <see cref="None"/>, unless the scenario lists a policy of paper 002, which needs it.
    /// </summary>
    public static EarlyExitServers Read(Config scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        if (!scenario.HasPath(Section))
        {
            var needing = scenario.HasPath("policies") ? scenario.GetStringList("policies").Where(Paper002Policies.Names.Contains).ToList() : [];
            return needing.Count == 0
                ? None
                : throw scenario.Error(Section, $"missing: the policies {string.Join(", ", needing)} need each edge's server kind and its exit times");
        }

        var section = scenario.Section(Section, "servers", "exit-ms", "reward-steepness");
        var kinds = section.GetStringList("servers");
        var edges = scenario.GetInt("edges.count");
        if (kinds.Count != edges)
        {
            throw section.Error("servers", $"names {kinds.Count} server kinds for {edges} edges; give one kind per edge");
        }

        var exits = scenario.GetConfigList("models.types")[0].GetConfigList("blocks").Count;
        var times = section.GetConfig("exit-ms");
        var byEdge = new double[edges][];
        for (var n = 0; n < edges; n++)
        {
            var kind = kinds[n];
            if (!times.HasPath(kind))
            {
                throw section.Error($"servers[{n}]", $"kind \"{kind}\" has no times in {Section}.exit-ms");
            }

            var ms = times.GetDoubleList(kind);
            if (ms.Count != exits)
            {
                throw times.Error(kind, $"gives {ms.Count} exit times for the model's {exits} exits (models.types[0].blocks)");
            }

            byEdge[n] = new double[exits];
            for (var e = 0; e < exits; e++)
            {
                if (!(ms[e] > 0) || !double.IsFinite(ms[e]))
                {
                    throw times.Error($"{kind}[{e}]", $"an exit time must be positive, got {ScenarioValidation.Format(ms[e])}");
                }

                byEdge[n][e] = ms[e] / 1e3;
            }
        }

        foreach (var kind in times.Keys)
        {
            if (!kinds.Contains(kind))
            {
                throw times.Error(kind, $"is the kind of no server; {Section}.servers names {string.Join(", ", kinds.Distinct())}");
            }
        }

        var steepness = section.HasPath("reward-steepness") ? section.PositiveDouble("reward-steepness") : 1.0;
        return new EarlyExitServers(kinds, byEdge, steepness);
    }
}
