import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { v7 as uuidv7 } from 'uuid';
import { Roles } from '../../identity/auth/roles.decorator';
import { CLOCK, Clock } from '../../shared/clock';
import { DomainError, invalid, notFound } from '../../shared/problems/domain-error';
import { DeliveryWorker } from '../deliveries/delivery-worker';
import { uuidParam } from '../uuid-param';
import { ChannelFilter, ChannelKind, channelResponse } from './channel';
import { CreateChannelDto, EMAIL_LIST, HTTP_URL, UpdateChannelDto } from './channel.dto';
import { ChannelsRepository } from './channels.repository';

const channelNotFound = (id: string) =>
  notFound('channel-not-found', `通知渠道 ${id} 不存在 / Channel '${id}' not found`);

function assertTarget(kind: ChannelKind, target: string): void {
  const ok = kind === 'email' ? EMAIL_LIST.test(target) : HTTP_URL.test(target);
  if (!ok) {
    throw invalid(
      'invalid-channel-target',
      'target',
      kind === 'email'
        ? 'email 渠道的 target 须为邮箱地址（可用逗号分隔多个）/ target must be email address(es)'
        : `${kind} 渠道的 target 须为 http(s) URL / target must be an http(s) URL`,
    );
  }
}

const filterOf = (f: ChannelFilter | undefined): ChannelFilter => ({
  ...(f?.unitCodes ? { unitCodes: f.unitCodes } : {}),
  ...(f?.levels ? { levels: f.levels } : {}),
  ...(f?.kinds ? { kinds: f.kinds } : {}),
});

/** The office's notification channels (通知渠道): email, DingTalk and WeCom robots, webhooks. The secret is write-only. */
@ApiTags('notifications')
@Controller('api/notification-channels')
@Roles('office')
export class ChannelsController {
  constructor(
    private readonly channels: ChannelsRepository,
    private readonly worker: DeliveryWorker,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: '新建通知渠道 / Create a channel' })
  async create(@Body() body: CreateChannelDto) {
    assertTarget(body.kind, body.target);
    const created = await this.channels.create(
      {
        id: uuidv7(),
        name: body.name,
        kind: body.kind,
        target: body.target,
        secret: body.secret || null,
        filter: filterOf(body.filter),
        enabled: body.enabled ?? true,
      },
      this.clock.now(),
    );
    return channelResponse(created);
  }

  @Get()
  @ApiOperation({ summary: '通知渠道列表 / Channels' })
  async list() {
    return { items: (await this.channels.list()).map(channelResponse) };
  }

  @Get(':id')
  @ApiOperation({ summary: '查看通知渠道 / Read a notification channel' })
  @ApiOkResponse({ description: 'The channel (secrets withheld)' })
  async get(@Param('id', uuidParam()) id: string) {
    const channel = await this.channels.get(id);
    if (!channel) throw channelNotFound(id);
    return channelResponse(channel);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改通知渠道 / Change a channel' })
  async update(@Param('id', uuidParam()) id: string, @Body() body: UpdateChannelDto) {
    const current = await this.channels.get(id);
    if (!current) throw channelNotFound(id);
    if (body.target !== undefined) assertTarget(current.kind, body.target);
    const updated = await this.channels.update(
      id,
      {
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.target !== undefined ? { target: body.target } : {}),
        ...(body.secret !== undefined ? { secret: body.secret || null } : {}),
        ...(body.filter !== undefined ? { filter: filterOf(body.filter) } : {}),
        ...(body.enabled !== undefined ? { enabled: body.enabled } : {}),
      },
      this.clock.now(),
    );
    return channelResponse(updated!);
  }

  @Delete(':id')
  @ApiOperation({ summary: '删除通知渠道 / Delete a notification channel' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @HttpCode(204)
  async remove(@Param('id', uuidParam()) id: string): Promise<void> {
    if (!(await this.channels.delete(id, this.clock.now()))) throw channelNotFound(id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @ApiOperation({ summary: '发送测试消息 / Send a test message now' })
  async test(@Param('id', uuidParam()) id: string) {
    const channel = await this.channels.get(id);
    if (!channel) throw channelNotFound(id);
    try {
      await this.worker.sendTest(channel);
      return { ok: true };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      return { ok: false, error: (error as Error).message };
    }
  }
}
