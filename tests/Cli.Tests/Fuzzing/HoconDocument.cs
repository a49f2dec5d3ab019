using MecActors.Core.Configuration;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>
/// A HOCON file parsed and resolved (includes and substitutions in) as the loaders see it, with every value in it
/// addressable by its path (<see cref="Sites"/>), so that mutations can be applied to any of them.
/// </summary>
internal sealed class HoconDocument
{
    private HoconDocument(string file, HoconObject root)
    {
        File = file;
        Root = root;
        var sites = new List<HoconSite>();
        Collect(root, [], "", sites);
        Sites = sites;
    }

    /// <summary>The file's name, for the figures.</summary>
    public string File { get; }

    public HoconObject Root { get; }

    /// <summary>Every value of the document but the root, in document order: objects, lists, their items, scalars.</summary>
    public IReadOnlyList<HoconSite> Sites { get; }

    public static HoconDocument Parse(string path)
    {
        var root = HoconReader.ReadFile(Path.GetFullPath(path), new HashSet<string>(StringComparer.Ordinal));
        SubstitutionResolver.Resolve(root);
        return new HoconDocument(Path.GetFileName(path), root);
    }

    /// <summary>The document as a loader reads it, with <paramref name="root"/> in place of its own root.</summary>
    public static Config AsConfig(HoconObject root) => new(root, "");

    private static void Collect(HoconValue value, IReadOnlyList<PathStep> steps, string path, List<HoconSite> sites)
    {
        switch (value)
        {
            case HoconObject obj:
                foreach (var key in obj.Keys)
                {
                    var childPath = ConfigPath.Append(path, key);
                    IReadOnlyList<PathStep> childSteps = [.. steps, PathStep.Key(key)];
                    var child = obj.Get(key)!;
                    sites.Add(new HoconSite(childPath, path, childSteps, child, obj));
                    Collect(child, childSteps, childPath, sites);
                }

                break;
            case HoconArray array:
                for (var i = 0; i < array.Items.Count; i++)
                {
                    var itemPath = $"{path}[{i}]";
                    IReadOnlyList<PathStep> itemSteps = [.. steps, PathStep.Index(i)];
                    sites.Add(new HoconSite(itemPath, path, itemSteps, array.Items[i], array));
                    Collect(array.Items[i], itemSteps, itemPath, sites);
                }

                break;
        }
    }
}

/// <summary>One step of a path: a key of an object or an index into a list.</summary>
internal readonly record struct PathStep(string? Name, int Position)
{
    public static PathStep Key(string name) => new(name, -1);

    public static PathStep Index(int position) => new(null, position);
}

/// <summary>
/// One value of a document: its path as the loaders' messages write it (<c>a.b[2].c</c>), the path of the object or
/// list that holds it ("" at the root), the steps to it, the value and its container.
/// </summary>
internal sealed record HoconSite(string Path, string ParentPath, IReadOnlyList<PathStep> Steps, HoconValue Value, HoconValue Parent);
