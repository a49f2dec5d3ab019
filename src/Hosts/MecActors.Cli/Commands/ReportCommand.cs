using System.CommandLine;
using MecActors.Cli.Output;
using MecActors.Cli.Reports;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec report joint-caching --table DIR [--references DIR] --front DIR --doc FILE</c> or
/// <c>mec report pre-dnnoff --scenario FILE --compare DIR --load DIR --fast-scenario FILE --fast-load DIR --doc FILE</c>: writes a paper's reproduction
/// results into its document, between the markers <see cref="Begin"/> and <see cref="End"/> (the rest of the document
/// is kept as written), and puts its plots beside it.
/// </summary>
internal static class ReportCommand
{
    public const string Begin = "<!-- generated: everything from here to the end marker is written by mec report -->";

    public const string End = "<!-- end of the generated part -->";

    public static Command Create(CliConsole console)
    {
        var paper = new Argument<string>("paper") { Description = "The reproduction to report: joint-caching (paper 000) or pre-dnnoff (paper 001)" };
        var table = new Option<string?>("--table") { HelpName = "DIR", Description = "joint-caching: the output of mec compare with the paper's rows (its summary.json)" };
        var references = new Option<string?>("--references") { HelpName = "DIR", Description = "The output of a run of reference policies, listed after the rows" };
        var front = new Option<string?>("--front") { HelpName = "DIR", Description = "joint-caching: the output of mec sweep over objective.beta with --front delay,accuracy" };
        var scenario = new Option<string?>("--scenario") { HelpName = "FILE", Description = "pre-dnnoff: the scenario file, for the analytic studies" };
        var compare = new Option<string?>("--compare") { HelpName = "DIR", Description = "pre-dnnoff: the output of mec compare of the scenario (one run)" };
        var load = new Option<string?>("--load") { HelpName = "DIR", Description = "pre-dnnoff: the output of mec sweep of the load scenario over devices.count" };
        var fastScenario = new Option<string?>("--fast-scenario") { HelpName = "FILE", Description = "pre-dnnoff: the load scenario with a faster device" };
        var fastLoad = new Option<string?>("--fast-load") { HelpName = "DIR", Description = "pre-dnnoff: the output of mec sweep of that scenario over devices.count" };
        var doc = new Option<string>("--doc") { HelpName = "FILE", Description = "The reproduction document to update, e.g. docs/reproduction/joint-caching.md", Required = true };
        var command = new Command("report", "Write a paper's reproduction results (table, orderings, front) into its document");
        command.Arguments.Add(paper);
        command.Options.Add(table);
        command.Options.Add(references);
        command.Options.Add(front);
        command.Options.Add(scenario);
        command.Options.Add(compare);
        command.Options.Add(load);
        command.Options.Add(fastScenario);
        command.Options.Add(fastLoad);
        command.Options.Add(doc);
        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var name = parse.GetValue(paper);
            if (name is not ("joint-caching" or "pre-dnnoff"))
            {
                throw new BadInputException($"paper: unknown reproduction '{name}'; known: joint-caching, pre-dnnoff");
            }

            var docPath = parse.GetValue(doc)!;
            var text = File.Exists(docPath) ? File.ReadAllText(docPath) : throw new BadInputException($"--doc: {docPath}: no such file");
            var begin = text.IndexOf(Begin, StringComparison.Ordinal);
            var end = text.IndexOf(End, StringComparison.Ordinal);
            if (begin < 0 || end < begin)
            {
                throw new BadInputException($"--doc: {docPath} has no generated part (the lines {Begin} and {End})");
            }

            var docDir = Path.GetDirectoryName(Path.GetFullPath(docPath))!;
            string Required(Option<string?> option) => parse.GetValue(option) ?? throw new BadInputException($"{option.Name}: required for {name}");
            if (name == "pre-dnnoff")
            {
                var study = PreDnnOffStudy.Of(new Core.Decisions.SystemView(ScenarioFiles.Load(Required(scenario))));
                var fast = PreDnnOffStudy.Of(new Core.Decisions.SystemView(ScenarioFiles.Load(Required(fastScenario))));
                var (markdown, images) = PreDnnOffReport.Write(
                    study, fast, Required(compare), Required(load), Required(fastLoad), Path.GetFileNameWithoutExtension(docPath));
                foreach (var (imageFile, png) in images)
                {
                    File.WriteAllBytes(Path.Combine(docDir, imageFile), png);
                }

                File.WriteAllText(docPath, text[..(begin + Begin.Length)] + "\n\n" + markdown + text[end..]);
                console.Out.WriteLine($"{docPath}: results written, plots {string.Join(", ", images.Select(i => i.Key))}");
                return Task.FromResult(ExitCodes.Success);
            }

            var frontDir = Required(front);
            var image = FrontImage(frontDir);
            var imageName = Path.GetFileNameWithoutExtension(docPath) + "-front.png";
            var generated = JointCachingReport.Write(
                MeasuredResults.Read(Required(table)),
                parse.GetValue(references) is { } r ? MeasuredResults.Read(r) : null,
                SweepResults.Read(frontDir),
                imageName);

            var updated = text[..(begin + Begin.Length)] + "\n\n" + generated + "\n" + text[end..];
            File.Copy(image, Path.Combine(docDir, imageName), overwrite: true);
            File.WriteAllText(docPath, updated);
            console.Out.WriteLine($"{docPath}: results written, front plot {imageName}");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static string FrontImage(string directory)
    {
        var image = Path.Combine(directory, SweepPlots.FrontFileName("avgDelayMs", "avgAccuracy"));
        return File.Exists(image) ? image : throw new BadInputException($"--front: {image}: no such file (sweep with --front delay,accuracy)");
    }
}
