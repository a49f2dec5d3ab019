using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Policies.Tests.PreDnnOff;

/// <summary>Paper 001's scenario file, loaded with the policy catalog, and its latency model.</summary>
internal static class PreDnnOffScenario
{
    public static string Path => global::System.IO.Path.Combine(Root(), "config", "scenarios", "pre-dnnoff.conf");

    public static string CloudPath => global::System.IO.Path.Combine(Root(), "config", "scenarios", "pre-dnnoff-cloud.conf");

    public static Config Config() => HoconParser.ParseFile(Path);

    /// <summary>The scenario with the optional cloud.</summary>
    public static Config CloudConfig() => HoconParser.ParseFile(CloudPath);

    public static SystemView System(Config? config = null) => new(ScenarioLoader.FromConfig(config ?? Config(), PolicyCatalog.All));

    public static LayerLatencyModel Model(SystemView system) =>
        system.Scenario.PolicyParameters.Get<PreDnnOffSettings>().ModelFor(system);

    private static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(global::System.IO.Path.Combine(dir.FullName, "MecActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
