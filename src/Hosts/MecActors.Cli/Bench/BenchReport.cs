using System.Globalization;
using System.Text.Json;
using Spectre.Console;

namespace MecActors.Cli.Bench;

/// <summary>Prints a <see cref="BenchResult"/> as a table and writes it as JSON.</summary>
internal static class BenchReport
{
    /// <summary>Width of the table when the output is not a terminal (a pipe or file has none).</summary>
    private const int RedirectedWidth = 160;

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>A Spectre console on <paramref name="output"/>: colours on a terminal, plain and wide when redirected.</summary>
    public static IAnsiConsole ConsoleFor(TextWriter output)
    {
        var terminal = ReferenceEquals(output, Console.Out) && !Console.IsOutputRedirected;
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = terminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = terminal ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (!terminal)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }

    public static void Print(BenchResult result, TextWriter output)
    {
        var console = ConsoleFor(output);

        output.WriteLine(
            $"scenario {result.Scenario}, policy {result.Policy}, seed {result.Seed}, median of {result.Repeat}, "
            + $"{result.ProcessorCount} cores, {result.Runtime}, akka config: {result.AkkaConfig}");

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("U").RightAligned());
        table.AddColumn(new TableColumn("slots").RightAligned());
        table.AddColumn(new TableColumn("msgs/run").RightAligned());
        table.AddColumn(new TableColumn("setup ms").RightAligned());
        table.AddColumn(new TableColumn("emu slots/s").RightAligned());
        table.AddColumn(new TableColumn("emu tasks/s").RightAligned());
        table.AddColumn(new TableColumn("emu msgs/s").RightAligned());
        table.AddColumn(new TableColumn("ref slots/s").RightAligned());
        table.AddColumn(new TableColumn("raw Akka msgs/s").RightAligned());
        table.AddColumn(new TableColumn("msgs/s emu/raw").RightAligned());
        table.AddColumn(new TableColumn("slots/s emu/ref").RightAligned());
        foreach (var c in result.Cases)
        {
            table.AddRow(
                Count(c.Devices),
                Count(c.Slots),
                Count(c.Emulator.MessagesPerRun),
                Rate(c.Emulator.SetupSecondsMedian * 1e3),
                Rate(c.Emulator.SlotsPerSecond),
                Rate(c.Emulator.TasksPerSecond),
                Rate(c.Emulator.MessagesPerSecond),
                Rate(c.Reference.SlotsPerSecond),
                Rate(c.RawAkka.MessagesPerSecond),
                Ratio(c.MessageRateRatio),
                Ratio(c.SlotRateRatio));
        }

        console.Write(table);
        output.WriteLine("emu: the actor emulator, timed from StartRun to RunCompleted, minus the median setup run (0 slots:");
        output.WriteLine("     actor creation, an empty drain wave); msgs/run: exact (ProtocolMessageCount, checked at the mailboxes)");
        output.WriteLine("ref: the sequential reference model, same scenario, seed and slots, no messaging");
        output.WriteLine("raw Akka: one coordinator and U workers, a message to each and a reply from each per round, msgs/run in all");
        foreach (var c in result.Cases)
        {
            var check = c.MessageCheck.Matches
                ? $"mailbox count {Count(c.MessageCheck.Counted)} = formula"
                : $"mailbox count {Count(c.MessageCheck.Counted)} != formula {Count(c.MessageCheck.Formula)}";
            output.WriteLine(
                $"U = {Count(c.Devices)}: {Count(c.Tasks)} tasks ({Count(c.ExecutedTasks)} executed), {check}; "
                + $"raw Akka {Count(c.RawAkka.Rounds)} rounds of {Count(2L * c.RawAkka.Workers)} messages");
            foreach (var warning in c.Warnings)
            {
                output.WriteLine($"  warning: {warning}");
            }
        }
    }

    /// <summary>Writes any bench result as indented camelCase JSON, creating the folder.</summary>
    public static void WriteJson<T>(T result, string path)
    {
        var full = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(full);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(full, JsonSerializer.Serialize(result, Json));
    }

    internal static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    internal static string Rate(double value) => value.ToString(value >= 100 ? "N0" : value >= 10 ? "N1" : "N2", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
