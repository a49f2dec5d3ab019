namespace MecActors.Cli.Tests.Support;

/// <summary>Paths in the repository, found by walking up from the test binaries to MecActors.sln.</summary>
internal static class RepoPaths
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string TinyScenario => Scenario("tiny.conf");

    public static string JointCachingScenario => Scenario("joint-caching.conf");

    public static string Scenario(string fileName) => Path.Combine(Root, "config", "scenarios", fileName);

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
