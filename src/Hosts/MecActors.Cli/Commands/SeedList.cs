using System.Globalization;

namespace MecActors.Cli.Commands;

/// <summary>The value of <c>--seeds</c>: distinct integers separated by commas, e.g. <c>1,2,3</c>.</summary>
internal sealed record SeedList(IReadOnlyList<int> Seeds, string? Error)
{
    public static SeedList Parse(string text)
    {
        var seeds = new List<int>();
        foreach (var part in text.Split(','))
        {
            if (!int.TryParse(part.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
            {
                return new SeedList([], $"'{part.Trim()}' is not an integer (expected e.g. 1,2,3)");
            }

            if (seeds.Contains(seed))
            {
                return new SeedList([], $"seed {seed} is given twice; a repeated seed repeats the same runs");
            }

            seeds.Add(seed);
        }

        return new SeedList(seeds, null);
    }
}
