using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;
using MecActors.Policies.Lymdo;

namespace MecActors.Policies.Tests.Lymdo;

/// <summary>Paper 004's scenario file, loaded with the policy catalog.</summary>
internal static class LymdoScenario
{
    public static string Path => global::System.IO.Path.Combine(Root(), "config", "scenarios", "lymdo.conf");

    public static Config Config() => HoconParser.ParseFile(Path);

    public static SystemView System(Config? config = null) => new(ScenarioLoader.FromConfig(config ?? Config(), PolicyCatalog.All));

    public static LymdoSettings Settings(SystemView system) => system.Scenario.PolicyParameters.Get<LymdoSettings>();

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
