using Akka.Actor;
using MecActors.Actors.Protocol;
using MecActors.Core.Emulation;

namespace MecActors.Actors;

/// <summary>The cloud's model repository: sends each edge's downloads of the wave down its backhaul (an empty batch carries the horizon).</summary>
public sealed class CloudActor : ReceiveActor
{
    private readonly IReadOnlyList<IActorRef> _backhauls;
    private readonly List<ModelDownload>[] _perEdge;

    public CloudActor(IReadOnlyList<IActorRef> backhauls)
    {
        _backhauls = backhauls;
        _perEdge = new List<ModelDownload>[backhauls.Count];
        for (var n = 0; n < _perEdge.Length; n++)
        {
            _perEdge[n] = new List<ModelDownload>();
        }

        Receive<SlotCommands.FetchModels>(OnFetchModels);
    }

    public static Props Props(IReadOnlyList<IActorRef> backhauls) => Akka.Actor.Props.Create(() => new CloudActor(backhauls));

    private void OnFetchModels(SlotCommands.FetchModels fetch)
    {
        foreach (var download in fetch.Downloads)
        {
            _perEdge[download.Edge].Add(download);
        }

        for (var n = 0; n < _backhauls.Count; n++)
        {
            _backhauls[n].Tell(new ModelCommands.DownloadBatch(fetch.Slot, fetch.Horizon, _perEdge[n].ToArray()));
            _perEdge[n].Clear();
        }
    }
}
