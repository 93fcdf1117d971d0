import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Select, Skeleton, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { request } from '../api/client';
import { formatTime } from '../format/format';
import { useI18n } from '../i18n/i18n';
import { ProblemAlert, problemText } from '../shell/ProblemAlert';
import { ChannelForm } from './ChannelForm';
import { useChannels, useDeliveries } from './queries';
import { ChannelView, DeliveryView } from './views';

/** 通知渠道 (office): the channels (create, edit, test-send, delete) and their deliveries with state and retry. */
export default function ChannelsPage() {
  const { m, t, language } = useI18n();
  const n = m.notifications;
  const channels = useChannels();
  const [editing, setEditing] = useState<ChannelView | 'new'>();
  const [filter, setFilter] = useState<{ channelId?: string; state?: string }>({});
  const deliveries = useDeliveries(filter);
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const list = channels.data?.items ?? [];
  const nameOf = (id: string | null) => list.find((c) => c.id === id)?.name;

  const testSend = async (c: ChannelView) => {
    try {
      const { data } = await request<{ ok: boolean; error?: string }>(
        `/api/notification-channels/${encodeURIComponent(c.id)}/test`,
        { method: 'POST' },
      );
      if (data.ok) void message.success(t(n.testSent, { name: c.name }));
      else void message.error(t(n.testFailed, { error: data.error ?? '' }));
    } catch (e) {
      void message.error(t(n.testFailed, { error: problemText(e, m, t, language) }));
    }
  };
  const remove = async (c: ChannelView) => {
    await request(`/api/notification-channels/${encodeURIComponent(c.id)}`, { method: 'DELETE' });
    void message.success(n.deleted);
    await queryClient.invalidateQueries({ queryKey: ['notification-channels'] });
  };
  const retry = async (d: DeliveryView) => {
    try {
      await request(`/api/notification-deliveries/${encodeURIComponent(d.id)}/retry`, { method: 'POST' });
      void message.success(n.retried);
    } catch (e) {
      void message.error(problemText(e, m, t, language));
    }
    await queryClient.invalidateQueries({ queryKey: ['notification-deliveries'] });
  };
  const filterText = (c: ChannelView) =>
    [
      c.filter.unitCodes?.length ? `${m.unit}：${c.filter.unitCodes.join('、')}` : '',
      c.filter.levels?.length ? `${m.levelLabel}：${c.filter.levels.map((l) => n.levels[l] ?? l).join('、')}` : '',
      c.filter.kinds?.length ? `${n.kindLabel}：${c.filter.kinds.map((k) => n.kind[k] ?? k).join('、')}` : '',
    ]
      .filter(Boolean)
      .join('；') || n.allFilter;

  return (
    <div className="page">
      <Typography.Title level={1} className="page-title">
        {n.channelsTitle}
      </Typography.Title>
      <Card
        size="small"
        title={<h2 className="card-title">{n.channelsTitle}</h2>}
        extra={
          <Button type="primary" onClick={() => setEditing('new')}>
            {n.createChannel}
          </Button>
        }
      >
        {channels.error ? (
          <ProblemAlert error={channels.error} />
        ) : channels.isPending ? (
          <Skeleton active />
        ) : !list.length ? (
          <Empty description={n.channelsEmpty} />
        ) : (
          <Table<ChannelView>
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 'max-content' }}
            dataSource={list}
            aria-label={n.channelsTitle}
            columns={[
              { title: n.name, dataIndex: 'name' },
              { title: n.channelKind, dataIndex: 'kind', render: (k: string) => n.channelKinds[k] ?? k },
              {
                title: n.target,
                dataIndex: 'target',
                render: (v: string) => <span className="channel-target">{v}</span>,
              },
              { title: n.secret, dataIndex: 'hasSecret', render: (v: boolean) => (v ? n.hasSecret : n.noSecret) },
              { title: n.filterLabel, key: 'filter', render: (_: unknown, c) => filterText(c) },
              {
                title: n.enabledLabel,
                dataIndex: 'enabled',
                render: (v: boolean) => (
                  <span className={`state-tag state-${v ? 'enabled' : 'disabled'}`}>{v ? n.enabled : n.disabled}</span>
                ),
              },
              {
                title: n.actions,
                key: 'actions',
                render: (_: unknown, c) => (
                  <Space wrap size="small">
                    <Button size="small" onClick={() => setEditing(c)} aria-label={`${n.editChannelButton} ${c.name}`}>
                      {n.editChannelButton}
                    </Button>
                    <Button size="small" onClick={() => void testSend(c)} aria-label={`${n.testSend} ${c.name}`}>
                      {n.testSend}
                    </Button>
                    <Popconfirm
                      title={t(n.deleteConfirm, { name: c.name })}
                      onConfirm={() => void remove(c)}
                      okText={n.deleteChannel}
                      cancelText={m.cancel}
                    >
                      <Button size="small" danger aria-label={`${n.deleteChannel} ${c.name}`}>
                        {n.deleteChannel}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Card
        size="small"
        className="section"
        title={<h2 className="card-title">{n.deliveries}</h2>}
        extra={
          <Button
            size="small"
            onClick={() => void queryClient.invalidateQueries({ queryKey: ['notification-deliveries'] })}
          >
            {n.refresh}
          </Button>
        }
      >
        <Space wrap className="section-gap">
          <Select
            aria-label={n.filterChannel}
            placeholder={n.allChannels}
            allowClear
            className="filter"
            value={filter.channelId}
            onChange={(v?: string) => setFilter((f) => ({ ...f, channelId: v }))}
            options={list.map((c) => ({ value: c.id, label: c.name }))}
          />
          <Select
            aria-label={n.filterState}
            placeholder={n.allStates}
            allowClear
            className="filter"
            value={filter.state}
            onChange={(v?: string) => setFilter((f) => ({ ...f, state: v }))}
            options={Object.entries(n.state).map(([value, label]) => ({ value, label }))}
          />
        </Space>
        {deliveries.error ? (
          <ProblemAlert error={deliveries.error} />
        ) : (
          <Table<DeliveryView>
            size="small"
            rowKey="id"
            loading={deliveries.isPending}
            scroll={{ x: 'max-content' }}
            dataSource={deliveries.data?.items ?? []}
            locale={{ emptyText: <span className="table-empty">{n.deliveriesEmpty}</span> }}
            pagination={{ pageSize: 20, showSizeChanger: false }}
            aria-label={n.deliveries}
            columns={[
              { title: n.createdAt, dataIndex: 'createdAt', render: (v: string) => formatTime(v) },
              {
                title: n.channel,
                key: 'channel',
                render: (_: unknown, d) => nameOf(d.channelId) ?? n.channelKinds[d.channelKind] ?? d.channelKind,
              },
              { title: n.recipient, dataIndex: 'recipient' },
              {
                title: n.deliveryTitle,
                key: 'message',
                // The title names the kind (【红灯预警】, 【催办】…); a warning's leads to it on the warnings page.
                render: (_: unknown, d) =>
                  d.warningId ? (
                    <Link to={`/warnings?warning=${encodeURIComponent(d.warningId)}`} title={n.kind[d.kind] ?? d.kind}>
                      {d.title}
                    </Link>
                  ) : (
                    <span title={n.kind[d.kind] ?? d.kind}>{d.title}</span>
                  ),
              },
              {
                title: n.stateLabel,
                dataIndex: 'state',
                render: (s: string) => <span className={`state-tag state-${s}`}>{n.state[s] ?? s}</span>,
              },
              { title: n.attempts, dataIndex: 'attempts', className: 'num' },
              { title: n.lastError, dataIndex: 'lastError', render: (v?: string) => v ?? '—' },
              { title: n.sentAt, dataIndex: 'sentAt', render: (v?: string) => (v ? formatTime(v) : '—') },
              {
                title: n.actions,
                key: 'retry',
                render: (_: unknown, d) =>
                  d.state === 'failed' || d.state === 'dead' ? (
                    <Button
                      size="small"
                      onClick={() => void retry(d)}
                      aria-label={`${n.retryDelivery} ${d.recipient} ${formatTime(d.createdAt)}`}
                    >
                      {n.retryDelivery}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
      {editing && (
        <ChannelForm channel={editing === 'new' ? undefined : editing} onClose={() => setEditing(undefined)} />
      )}
    </div>
  );
}
