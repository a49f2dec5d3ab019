using MecActors.Core.Configuration;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>What a mutation does to one value of a document.</summary>
internal enum MutationKind
{
    Delete,
    WrongType,
    Negative,
    Zero,
    NaN,
    Huge,
    EmptyList,
    Duplicate,
    UnknownKey,
}

/// <summary>
/// One change to a document: <see cref="Change"/> maps the value at <see cref="Target"/> (the mutated value, or the
/// object or list it is added to) to its replacement; null deletes it. A loader that rejects the mutated document
/// must name one of <see cref="Named"/>: the mutated key's path or the path of what holds it (see
/// <see cref="HoconMutations"/>).
/// </summary>
internal sealed record HoconMutation(
    MutationKind Kind,
    string Path,
    IReadOnlyList<PathStep> Target,
    Func<HoconValue, HoconValue?> Change,
    IReadOnlyList<string> Named,
    string Description)
{
    /// <summary>The changed document: only the objects and lists on the way to the target are copied.</summary>
    public HoconObject ApplyTo(HoconObject root) =>
        Apply(root, 0) as HoconObject ?? throw new InvalidOperationException($"{this}: the root must stay an object");

    public override string ToString() => $"{Kind} {Path}: {Description}";

    private HoconValue? Apply(HoconValue node, int depth)
    {
        if (depth == Target.Count)
        {
            return Change(node);
        }

        var step = Target[depth];
        switch (node)
        {
            case HoconObject obj:
            {
                var copy = new HoconObject(obj.Origin);
                foreach (var key in obj.Keys)
                {
                    var child = obj.Get(key)!;
                    if ((key == step.Name ? Apply(child, depth + 1) : child) is { } kept)
                    {
                        copy.Set(key, kept);
                    }
                }

                return copy;
            }

            case HoconArray array:
            {
                var items = new List<HoconValue>(array.Items.Count);
                for (var i = 0; i < array.Items.Count; i++)
                {
                    if ((i == step.Position ? Apply(array.Items[i], depth + 1) : array.Items[i]) is { } kept)
                    {
                        items.Add(kept);
                    }
                }

                return new HoconArray(array.Origin, items);
            }

            default:
                throw new InvalidOperationException($"{this}: the path goes through a scalar");
        }
    }
}
