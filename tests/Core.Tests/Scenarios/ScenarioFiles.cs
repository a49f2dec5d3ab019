using MecActors.Core.Configuration;
using MecActors.Core.Scenarios;

namespace MecActors.Core.Tests.Scenarios;

/// <summary>Locates the scenario files of the repository and loads them.</summary>
internal static class ScenarioFiles
{
    /// <summary>The policy names the scenario files list; Core reads no policy's parameters, so these take none.</summary>
    public static readonly IKnownPolicies KnownPolicies = new NamesOnly(
        ["joint-a2c", "random-decisions", "random-caching", "local-edge", "no-early-exit",
         "greedy", "random-caching-greedy", "local-edge-greedy", "no-early-exit-greedy",
         "device-only", "edge-only", "cloud-only", "best-cut", "random-placement"]);

    private static readonly Lazy<string> Root = new(FindRoot);

    public static string JointCaching => PathOf("joint-caching.conf");

    public static string Tiny => PathOf("tiny.conf");

    public static string Routes => PathOf("routes.conf");

    public static string Dynamics => PathOf("dynamics.conf");

    public static string OrchestrationDynamics => PathOf("orchestration-dynamics.conf");

    public static Config JointCachingConfig() => HoconParser.ParseFile(JointCaching);

    public static ScenarioSpec Load(Config config) => ScenarioLoader.FromConfig(config, KnownPolicies);

    private sealed class NamesOnly(IReadOnlyList<string> names) : IKnownPolicies
    {
        public IReadOnlyList<string> Names => names;

        /// <summary>The sections of the shipped scenarios' policies, which Core reads past without their readers.</summary>
        public IReadOnlyCollection<string> Sections => ["caching", "pre-dnnoff", "early-exit", "orchestration", "lymdo"];

        public PolicyParameters ReadParameters(Config scenario) => PolicyParameters.None;
    }

    private static string PathOf(string file) => Path.Combine(Root.Value, "config", "scenarios", file);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MecActors.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"MecActors.sln not found above {AppContext.BaseDirectory}");
    }
}
