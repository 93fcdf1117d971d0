import { Body, Controller, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Public } from '../../shared/http/public.decorator';
import { LoginThrottleGuard } from '../auth/login-throttle.guard';
import { LoginLockedError, LoginService } from '../auth/login.service';
import { LoginDto, LoginResponse } from './dto/login.dto';
import { sessionUserResponse } from './user-responses';

@ApiTags('auth')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly logins: LoginService) {}

  @Post('login')
  @Public()
  @HttpCode(200)
  @UseGuards(LoginThrottleGuard)
  @ApiOperation({ summary: '登录 / Log in with username and password' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiUnauthorizedResponse({ description: '用户名或密码错误 / Wrong username or password' })
  @ApiTooManyRequestsResponse({ description: '尝试过多，已暂时锁定 / Too many attempts; locked for a while' })
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponse> {
    try {
      const result = await this.logins.login(body.username, body.password, request.ip);
      return { accessToken: result.accessToken, expiresIn: result.expiresIn, user: sessionUserResponse(result.user) };
    } catch (error) {
      if (error instanceof LoginLockedError) void reply.header('Retry-After', String(error.retryAfterSeconds));
      throw error;
    }
  }
}
