import { Body, Controller, Get, Inject, Param, ParseIntPipe, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, Matches } from 'class-validator';
import { CurrentUser } from '../../identity/auth/current-user.decorator';
import { Roles } from '../../identity/auth/roles.decorator';
import { SessionUser } from '../../identity/auth/session-user';
import { CLOCK, Clock } from '../../shared/clock';
import { invalid, notFound } from '../../shared/problems/domain-error';
import { ValidationProblem } from '../../shared/problems/validation-problem';
import { WorkingDayCalendars } from './working-day-calendars';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class WorkingDayYearDto {
  @ApiProperty({
    type: [String],
    example: ['2021-10-01', '2021-10-04'],
    description: '法定节假日（工作日变休息日）/ holidays',
  })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(DATE, { each: true, message: 'holidays 每项须为 YYYY-MM-DD / each holiday must be YYYY-MM-DD' })
  holidays!: string[];

  @ApiProperty({
    type: [String],
    example: ['2021-09-26', '2021-10-09'],
    description: '调休上班日（周末变工作日）/ make-up working days',
  })
  @IsArray()
  @ArrayMaxSize(366)
  @Matches(DATE, { each: true, message: 'workdays 每项须为 YYYY-MM-DD / each workday must be YYYY-MM-DD' })
  workdays!: string[];
}

const yearParam = () =>
  new ParseIntPipe({
    exceptionFactory: () => new ValidationProblem([{ field: 'year', message: 'year 须为年份 / year must be a year' }]),
  });

/** The working-day calendar (工作日历) per year: reminders and due days follow it. */
@ApiTags('notifications')
@Controller('api/working-day-calendar')
export class WorkingDayCalendarController {
  constructor(
    private readonly calendars: WorkingDayCalendars,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(':year')
  @ApiOperation({ summary: '某年的节假日与调休 / Holidays and make-up working days of a year' })
  async get(@Param('year', yearParam()) year: number) {
    const found = await this.calendars.year(year);
    if (!found)
      throw notFound('calendar-year-not-found', `${year} 年工作日历未载入 / No working-day calendar for ${year}`);
    return found;
  }

  @Put(':year')
  @ApiOkResponse({ description: 'The calendar of the year' })
  @Roles('office')
  @ApiOperation({ summary: '载入某年的工作日历（国务院办公厅通知）/ Load a year (the State Council notice)' })
  async load(
    @Param('year', yearParam()) year: number,
    @Body() body: WorkingDayYearDto,
    @CurrentUser() user: SessionUser,
  ) {
    if (year < 2000 || year > 2100)
      throw invalid('invalid-year', 'year', 'year 须在 2000–2100 / year must be 2000–2100');
    for (const [field, dates] of [
      ['holidays', body.holidays],
      ['workdays', body.workdays],
    ] as const) {
      for (const d of dates) {
        if (!d.startsWith(`${year}-`) || new Date(`${d}T00:00:00Z`).toISOString().slice(0, 10) !== d) {
          throw invalid(
            'invalid-calendar-date',
            field,
            `${field} 中的 ${d} 不是 ${year} 年的日期 / ${d} is not a date of ${year}`,
          );
        }
      }
    }
    const overlap = body.holidays.find((d) => body.workdays.includes(d));
    if (overlap)
      throw invalid(
        'invalid-calendar-date',
        'workdays',
        `${overlap} 不能同时是假日和调休上班日 / ${overlap} cannot be both`,
      );
    await this.calendars.load(
      { year, holidays: body.holidays, workdays: body.workdays },
      user.username,
      this.clock.now(),
    );
    return this.calendars.year(year);
  }
}
