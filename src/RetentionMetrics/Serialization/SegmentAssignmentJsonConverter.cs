using System.Text.Json;
using RetentionMetrics.Segments;

namespace RetentionMetrics.Serialization;

/// <summary>
/// <c>segmentAssignment</c> version 1: <c>segments</c> (a <c>segmentSet</c> document), <c>mode</c>,
/// <c>eventsRead</c>, <c>customers</c> (every customer seen, in order) and <c>members</c> (one array of keys per
/// segment, in the set's order; every member is one of the customers, and under <c>firstMatch</c> in one segment at most).
/// </summary>
internal sealed class SegmentAssignmentJsonConverter<TKey> : StateJsonConverter<SegmentAssignment<TKey>>
    where TKey : notnull
{
    protected override string TypeName => "segmentAssignment";

    protected override void WriteBody(Utf8JsonWriter writer, SegmentAssignment<TKey> value, JsonSerializerOptions options)
    {
        writer.WritePropertyName("segments");
        SegmentSetJsonConverter.WriteDocument(writer, value.Segments);
        writer.WriteEnum("mode", value.Mode);
        writer.WriteNumber("eventsRead", value.EventsRead);
        writer.WriteStartArray("customers");
        foreach (var customer in value.Customers)
        {
            CustomerKeyJson<TKey>.Write(writer, customer, options);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("members");
        for (var s = 0; s < value.Segments.Count; s++)
        {
            writer.WriteStartArray();
            foreach (var member in value.MembersOf(s))
            {
                CustomerKeyJson<TKey>.Write(writer, member, options);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
    }

    protected override SegmentAssignment<TKey> Read(JsonNode root, JsonSerializerOptions options)
    {
        var segments = SegmentSetJsonConverter.ReadDocument(root.Property("segments"));
        var mode = root.Property("mode").Enum<SegmentAssignmentMode>();
        var eventsRead = root.Property("eventsRead").Count();
        var customersNode = root.Property("customers");
        var customers = new TKey[customersNode.ArrayLength()];
        var seen = new HashSet<TKey>();
        var i = 0;
        foreach (var node in customersNode.Items())
        {
            var key = CustomerKeyJson<TKey>.Read(node, options);
            if (!seen.Add(key))
            {
                throw node.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
            }

            customers[i++] = key;
        }

        var membersNode = root.Property("members");
        if (membersNode.ArrayLength() != segments.Count)
        {
            throw membersNode.Error(SerializationErrorMessages.Inconsistent, "one array of members per segment");
        }

        var members = new List<TKey>[segments.Count];
        var assigned = new HashSet<TKey>();
        var s = 0;
        foreach (var segmentNode in membersNode.Items())
        {
            var list = new List<TKey>(segmentNode.ArrayLength());
            var inSegment = new HashSet<TKey>();
            foreach (var node in segmentNode.Items())
            {
                var key = CustomerKeyJson<TKey>.Read(node, options);
                if (!seen.Contains(key))
                {
                    throw node.Error(SerializationErrorMessages.Inconsistent, "every member must be one of the customers");
                }

                if (!inSegment.Add(key) || (mode == SegmentAssignmentMode.FirstMatch && !assigned.Add(key)))
                {
                    throw node.Error(SerializationErrorMessages.DuplicateCustomer, CustomerKeyJson<TKey>.Describe(key));
                }

                list.Add(key);
            }

            members[s++] = list;
        }

        return SegmentAssignment<TKey>.Restore(segments, mode, customers, members, eventsRead);
    }
}
