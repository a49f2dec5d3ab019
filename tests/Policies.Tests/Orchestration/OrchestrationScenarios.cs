using MecActors.Core.Configuration;
using MecActors.Core.Decisions;
using MecActors.Core.Scenarios;

namespace MecActors.Policies.Tests.Orchestration;

/// <summary>Paper 003's scenario files, loaded with overrides (fewer devices, another threshold) for small cases.</summary>
internal static class OrchestrationScenarios
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string PathOf(string file) => Path.Combine(Root.Value, "config", "scenarios", file);

    public static Config Config(string file = "orchestration.conf") => HoconParser.ParseFile(PathOf(file));

    /// <summary>The scenario of <paramref name="file"/> with <paramref name="devices"/> devices, each override applied in turn.</summary>
    public static SystemView System(string file, int devices, params (string Key, string Value)[] overrides)
    {
        var config = Config(file).WithOverride("devices.count", devices.ToString(global::System.Globalization.CultureInfo.InvariantCulture));
        foreach (var (key, value) in overrides)
        {
            config = config.WithOverride(key, value);
        }

        return new SystemView(ScenarioLoader.FromConfig(config, PolicyCatalog.All));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MecActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("repository root not found");
    }
}
