namespace MecActors.Policies.PreDnnOff;

/// <summary>
/// The exact optimum of (4.9) by dynamic programming over the branch tree.
/// </summary>
/// <remarks>
/// Why it is exact. Write w_l for the probability that a task runs layer l (the mass of the exits below l) and x_l for
/// l's node. Summing (4.8) exit by exit and regrouping by layer, the expected latency is
/// E = parsing + sum_l w_l [T(l, x_l) + move(in_l, x_parent(l), x_l)] + sum_k p_k move(out_k, x_exit(k), device),
/// with x_parent = device for the layers the input feeds: a sum of terms of one layer or of a (parent, child) pair of
/// the tree. For a layer l on node n let C(l, n) be the least sum of the terms of l's subtree (l's own terms and those
/// of every pair below it) over the placements of the subtree with x_l = n. Then
/// C(l, n) = w_l T(l, n) + [l is exit k] p_k move(out_l, n, device) + sum_c min_m (w_c move(out_l, n, m) + C(c, m)),
/// because once x_l is fixed the children's subtrees share no variable and no term, so their minima are taken
/// independently (induction from the leaves). The optimum is parsing + sum over the input's layers r of
/// min_m (w_r move(in, device, m) + C(r, m)), attained by choosing the minimising m top-down. Each layer costs
/// |nodes|^2 work: O(L N^2) in all. Nothing above depends on how many nodes there are: with the cloud (N = 3) a move
/// still costs a function of the pair's two nodes alone (wireless, wired or both), so the recursion is as exact. Entry waits (<see cref="EntryWaits"/>) only add to the pair terms, so the same
/// recursion stays exact for them.
/// </remarks>
public static class ExactPlacement
{
    public static PlacementResult Solve(LayerLatencyModel model, EntryWaits waits = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var profile = model.Profile;
        var layers = profile.Layers.Count;
        var nodes = model.Nodes.Count;
        var cost = new double[layers, nodes];
        var exitOf = new int[layers];
        Array.Fill(exitOf, -1);
        for (var k = 0; k < profile.Exits.Count; k++)
        {
            exitOf[profile.Exits[k].Layer] = k;
        }

        // Layers are listed parents first: walk them backwards so every child is done before its parent.
        for (var l = layers - 1; l >= 0; l--)
        {
            var weight = model.ExitWeights[l];
            var output = profile.Layers[l].OutputBytes;
            for (var n = 0; n < nodes; n++)
            {
                var total = weight * model.ExecutionSeconds(l, n);
                if (exitOf[l] >= 0)
                {
                    var p = model.Exits.Probabilities[exitOf[l]];
                    total += p * (model.TransferSeconds(output, n, LayerLatencyModel.Device) + waits.Entering(n, LayerLatencyModel.Device));
                }

                foreach (var child in profile.ChildrenOf(l))
                {
                    total += Best(model, waits, cost, child, n, output).Cost;
                }

                cost[l, n] = total;
            }
        }

        var placement = new int[layers];
        var expected = model.ParsingSeconds;
        foreach (var root in profile.Roots)
        {
            var best = Best(model, waits, cost, root, -1, profile.InputBytes);
            expected += best.Cost;
            Assign(model, waits, cost, placement, root, best.Node);
        }

        return new PlacementResult(placement, expected);
    }

    /// <summary>The cheapest node for <paramref name="layer"/> given its parent's node (-1: the input, on the device).</summary>
    private static (int Node, double Cost) Best(LayerLatencyModel model, EntryWaits waits, double[,] cost, int layer, int parentNode, double inputBytes)
    {
        var weight = model.ExitWeights[layer];
        var from = parentNode < 0 ? LayerLatencyModel.Device : parentNode;
        var bestNode = 0;
        var bestCost = double.PositiveInfinity;
        for (var m = 0; m < model.Nodes.Count; m++)
        {
            var c = weight * (model.TransferSeconds(inputBytes, from, m) + waits.Entering(parentNode, m)) + cost[layer, m];
            if (c < bestCost)
            {
                bestCost = c;
                bestNode = m;
            }
        }

        return (bestNode, bestCost);
    }

    private static void Assign(LayerLatencyModel model, EntryWaits waits, double[,] cost, int[] placement, int layer, int node)
    {
        placement[layer] = node;
        foreach (var child in model.Profile.ChildrenOf(layer))
        {
            Assign(model, waits, cost, placement, child, Best(model, waits, cost, child, node, model.Profile.Layers[layer].OutputBytes).Node);
        }
    }
}

/// <summary>A node index per layer (<see cref="LayerLatencyModel.Nodes"/>) and its expected latency in seconds.</summary>
public sealed record PlacementResult(int[] Placement, double ExpectedSeconds);
