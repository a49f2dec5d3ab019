using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using MecActors.Core.Configuration;

namespace MecActors.Cli.Tests.Fuzzing;

/// <summary>
/// The mutations of a document's values: each kind (<see cref="MutationKind"/>) at any value, with a few variants of
/// the replacement (which wrong type, which huge number). Any HOCON document works, so the fault plans' files join
/// the scenarios by being listed.
/// </summary>
internal static class HoconMutations
{
    /// <summary>The key added by <see cref="MutationKind.UnknownKey"/>: no loader knows it.</summary>
    public const string UnknownKey = "no-such-key";

    /// <summary>Variants of a replacement: a mutation takes its variant modulo the number its kind has.</summary>
    public const int Variants = 4;

    private static readonly string[] HugeNumbers = ["1e308", "1e400", "2147483648", "-1e308"];

    /// <summary>Any mutation of any value of <paramref name="document"/>.</summary>
    public static Gen<HoconMutation> Of(HoconDocument document) =>
        from site in Gen.Choose(0, document.Sites.Count - 1)
        from kind in Gen.Elements(Enum.GetValues<MutationKind>())
        from variant in Gen.Choose(0, Variants - 1)
        select Make(document.Sites[site], kind, variant);

    public static HoconMutation Make(HoconSite site, MutationKind kind, int variant)
    {
        var value = site.Value;
        var origin = value.Origin;
        var parentSteps = site.Steps.Take(site.Steps.Count - 1).ToArray();
        var named = NamesOf(site);
        HoconMutation At(string description, Func<HoconValue, HoconValue?> change) =>
            new(kind, site.Path, site.Steps, change, named, description);
        HoconMutation Replace(string text, bool quoted = false) =>
            At($"= {(quoted ? $"\"{text}\"" : text)}", _ => new HoconScalar(origin, text, quoted));

        switch (kind)
        {
            case MutationKind.Delete:
                return At("deleted", _ => null);

            case MutationKind.WrongType:
                return WrongType(site, variant, At);

            case MutationKind.Negative:
                return value is HoconScalar { Text: { } number } && IsNumber(number)
                    ? Replace(number.StartsWith('-') ? number[1..] : number == "0" ? "-1" : $"-{number}")
                    : Replace("-1");

            case MutationKind.Zero:
                return Replace(variant % 2 == 0 ? "0" : "0.0");

            case MutationKind.NaN:
                return Replace((variant % 3) switch { 0 => "NaN", 1 => "Infinity", _ => "-Infinity" });

            case MutationKind.Huge:
                return Replace(HugeNumbers[variant % HugeNumbers.Length]);

            case MutationKind.EmptyList:
                return At("= []", _ => new HoconArray(origin, []));

            case MutationKind.Duplicate:
                return Duplicate(site, variant, named, parentSteps);

            case MutationKind.UnknownKey:
            {
                // Into the object itself, or beside the value in the object that holds it (the root included).
                var into = value is HoconObject ? site.Steps : parentSteps;
                var intoPath = value is HoconObject ? site.Path : site.ParentPath;
                if (value is not HoconObject && site.Parent is not HoconObject)
                {
                    return At($"= {{ {UnknownKey} = 1 }}", _ => WithUnknownKey(new HoconObject(origin)));
                }

                var added = ConfigPath.Append(intoPath, UnknownKey);
                return new HoconMutation(kind, added, into, target => WithUnknownKey((HoconObject)target), [added], $"{UnknownKey} = 1 added");
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static HoconMutation WrongType(HoconSite site, int variant, Func<string, Func<HoconValue, HoconValue?>, HoconMutation> at)
    {
        var origin = site.Value.Origin;
        HoconValue Text(string text, bool quoted) => new HoconScalar(origin, text, quoted);
        HoconValue[] choices = site.Value switch
        {
            HoconObject => [Text("7", false), new HoconArray(origin, [Text("1", false)]), Text("text", true)],
            HoconArray => [Text("7", false), new HoconObject(origin), Text("text", true)],
            HoconScalar { Text: { } text } when IsNumber(text) => [Text("not-a-number", true), Text("true", false), new HoconObject(origin), new HoconArray(origin, [Text("1", false)])],
            HoconScalar { Text: "true" or "false" or "on" or "off" or "yes" or "no" } => [Text("maybe", true), Text("7", false), new HoconObject(origin)],
            HoconScalar { Text: null } => [Text("7", false), new HoconObject(origin)],
            _ => [new HoconObject(origin), new HoconArray(origin, [Text("x", true)]), new HoconScalar(origin, null, false)],
        };
        var choice = choices[variant % choices.Length];
        return at($"= {Describe(choice)}", _ => choice);
    }

    /// <summary>
    /// A list item repeated in place; a list's first item repeated at its end; an object key given a sibling's value
    /// (a line copied and not edited), or, with no sibling, its value given twice as a list.
    /// </summary>
    private static HoconMutation Duplicate(HoconSite site, int variant, string[] named, PathStep[] parentSteps)
    {
        if (site.Parent is HoconArray && site.Steps[^1].Position is var position)
        {
            var copyPath = $"{site.ParentPath}[{position + 1}]";
            return new HoconMutation(
                MutationKind.Duplicate,
                site.Path,
                parentSteps,
                list => new HoconArray(list.Origin, [.. ((HoconArray)list).Items.Take(position + 1), ((HoconArray)list).Items[position], .. ((HoconArray)list).Items.Skip(position + 1)]),
                [.. named, copyPath],
                $"item repeated at {copyPath}");
        }

        if (site.Value is HoconArray { Items.Count: > 0 } array)
        {
            return new HoconMutation(
                MutationKind.Duplicate,
                site.Path,
                site.Steps,
                list => new HoconArray(list.Origin, [.. ((HoconArray)list).Items, ((HoconArray)list).Items[0]]),
                [.. named, $"{site.Path}[{array.Items.Count}]"],
                "first item repeated at the end");
        }

        var siblings = ((HoconObject)site.Parent).Keys.Where(k => k != site.Steps[^1].Name).ToArray();
        if (siblings.Length == 0)
        {
            return new HoconMutation(MutationKind.Duplicate, site.Path, site.Steps, v => new HoconArray(v.Origin, [v, v]), named, "= [the value, the value]");
        }

        var sibling = siblings[variant % siblings.Length];
        var siblingValue = ((HoconObject)site.Parent).Get(sibling)!;
        return new HoconMutation(MutationKind.Duplicate, site.Path, site.Steps, _ => siblingValue, named, $"= the value of {sibling}");
    }

    /// <summary>
    /// The paths a message may name for a mutation at <paramref name="site"/>: its own, that of what holds it, and, when
    /// that is an item of a list (<c>layers[10]</c>, which has no name of its own), the list's: a loader that finds two
    /// values inconsistent (a layer renamed, and another that refers to it) names the list it found them in.
    /// </summary>
    private static string[] NamesOf(HoconSite site)
    {
        if (site.ParentPath.Length == 0)
        {
            return [site.Path];
        }

        return site.ParentPath.EndsWith(']')
            ? [site.Path, site.ParentPath, site.ParentPath[..site.ParentPath.LastIndexOf('[')]]
            : [site.Path, site.ParentPath];
    }

    private static HoconObject WithUnknownKey(HoconObject target)
    {
        var copy = new HoconObject(target.Origin);
        foreach (var key in target.Keys)
        {
            copy.Set(key, target.Get(key)!);
        }

        copy.Set(UnknownKey, new HoconScalar(target.Origin, "1", false));
        return copy;
    }

    private static bool IsNumber(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number);

    private static string Describe(HoconValue value) => value switch
    {
        HoconObject => "{}",
        HoconArray array => $"[{array.Items.Count} item]",
        HoconScalar { Text: null } => "null",
        HoconScalar { Quoted: true } scalar => $"\"{scalar.Text}\"",
        HoconScalar scalar => scalar.Text!,
        _ => "?",
    };
}
