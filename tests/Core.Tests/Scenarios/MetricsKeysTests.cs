using MecActors.Core.Configuration;
using Xunit;

namespace MecActors.Core.Tests.Scenarios;

/// <summary>The optional <c>metrics</c> section: the results' metrics beyond the contract's fixed ones.</summary>
public class MetricsKeysTests
{
    private static readonly Config Tiny = HoconParser.ParseFile(ScenarioFiles.Tiny);

    [Fact]
    public void Success_accuracy_is_reported_only_where_the_scenario_asks_for_it()
    {
        Assert.False(ScenarioFiles.Load(Tiny).ReportsSuccessAccuracy);
        Assert.True(ScenarioFiles.Load(Tiny.WithOverride("metrics", "{ success-accuracy = on }")).ReportsSuccessAccuracy);
        Assert.False(ScenarioFiles.Load(Tiny.WithOverride("metrics", "{ success-accuracy = off }")).ReportsSuccessAccuracy);
    }

    [Fact]
    public void An_unknown_metric_is_refused_by_its_key()
    {
        var error = Assert.Throws<ConfigException>(() => ScenarioFiles.Load(Tiny.WithOverride("metrics", "{ success-acuracy = on }")));

        Assert.Contains("success-acuracy", error.Key + error.Message, StringComparison.Ordinal);
    }
}
