using System.CommandLine;
using System.Globalization;
using System.Text;
using MecActors.Cli.Output;
using MecActors.Core.Metrics;
using MecActors.Policies.PreDnnOff;

namespace MecActors.Cli.Commands;

/// <summary>
/// <c>mec profile fit CSV --out FILE</c>: fits Table 4.2-style latency regressions (paper 001) from measured rows
/// <c>node,type,x1,x2,ms</c> (a header line first; x2 empty or 0 for one-variable types) and writes them in the form a
/// scenario's <c>pre-dnnoff.regressions</c> includes, so a user's own devices can be profiled.
/// </summary>
internal static class ProfileCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("profile", "Layer latency profiles (paper 001): fit regressions from measurements");
        command.Subcommands.Add(Fit(console));
        return command;
    }

    private static Command Fit(CliConsole console)
    {
        var csv = new Argument<string>("csv") { Description = "Measured rows: node,type,x1,x2,ms (node device|edge; type conv, relu, pooling, lrn, dropout, fc, model-loading, model-parsing)" };
        var output = new Option<string>("--out") { HelpName = "FILE", Description = "The regressions file to write (HOCON, as config/models/table-4-2.conf)", Required = true };
        var command = new Command("fit", "Fit per-layer-type latency regressions (least squares) from measured rows");
        command.Arguments.Add(csv);
        command.Options.Add(output);
        command.SetAction((parse, _) => CommandErrors.GuardAsync(console, verbose: false, () =>
        {
            var path = parse.GetValue(csv)!;
            var rows = ReadRows(path);
            LatencyRegressions fit;
            try
            {
                fit = RegressionFit.Fit(rows);
            }
            catch (ArgumentException e)
            {
                throw new BadInputException($"{path}: {e.Message}");
            }

            var outPath = parse.GetValue(output)!;
            if (Directory.Exists(outPath))
            {
                throw new BadInputException($"--out: {outPath} is a directory, not a file");
            }

            var text = $"# Latency regressions fitted by mec profile fit from {Path.GetFileName(path)} ({rows.Count} rows): t in ms, sizes in bytes.\n\n{fit.ToHocon()}";
            var full = Path.GetFullPath(outPath);
            ResultsWriter.WriteFilesAtomically(Path.GetDirectoryName(full)!, [new(Path.GetFileName(full), new UTF8Encoding(false).GetBytes(text))]);
            console.Out.WriteLine($"{outPath}: regressions fitted from {rows.Count} rows");
            return Task.FromResult(ExitCodes.Success);
        }));
        return command;
    }

    private static List<LatencyMeasurement> ReadRows(string path)
    {
        if (!File.Exists(path))
        {
            throw new BadInputException($"csv: {path}: no such file");
        }

        var lines = File.ReadAllLines(path);
        if (lines.Length == 0 || lines[0].Trim() != "node,type,x1,x2,ms")
        {
            throw new BadInputException($"{path}:1: expected the header node,type,x1,x2,ms");
        }

        var rows = new List<LatencyMeasurement>();
        for (var i = 1; i < lines.Length; i++)
        {
            if (lines[i].Trim().Length == 0)
            {
                continue;
            }

            var cells = lines[i].Split(',');
            if (cells.Length != 5)
            {
                throw new BadInputException($"{path}:{i + 1}: expected 5 fields node,type,x1,x2,ms, got {cells.Length}");
            }

            rows.Add(new LatencyMeasurement(cells[0].Trim(), cells[1].Trim(), Number(path, i, "x1", cells[2]), cells[3].Trim().Length == 0 ? 0.0 : Number(path, i, "x2", cells[3]), Number(path, i, "ms", cells[4])));
        }

        return rows;
    }

    private static double Number(string path, int line, string field, string text) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? value
            : throw new BadInputException($"{path}:{line + 1}: {field} \"{text.Trim()}\" is not a number");
}
