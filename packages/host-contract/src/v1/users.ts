import { z } from 'zod';
import {
  departmentRoleSchema,
  globalRoleSchema,
  operatorGroupTypeSchema,
  operatorStateKindSchema,
  userAvailabilityStatusSchema,
  userSimplifiedStatusSchema,
} from './enums.js';
import { dateTimeSchema, id32Schema } from './primitives.js';

/** `GET /api/v1/Users` and `GET /api/v1/Users/{id}` (`Users/UserModel.cs`). */
export const userModelSchema = z.object({
  id: id32Schema,
  firstName: z.string().nullish(),
  lastName: z.string().nullish(),
  username: z.string().nullish(),
  email: z.string().nullish(),
  note: z.string().nullish(),
  enabled: z.boolean().nullish(),
  departments: z.array(id32Schema).nullish(),
  groups: z.array(id32Schema).nullish(),
  globalRoles: z.array(globalRoleSchema).nullish(),
  departmentRoles: z.array(departmentRoleSchema).nullish(),
});
export type UserModel = z.output<typeof userModelSchema>;

export const userListSchema = z.array(userModelSchema);

/**
 * One operator's detailed state (`Users/OperatorStateModel.cs`). A break with `breakStateId` is
 * what the extension calls an absence reason.
 */
export const operatorStateModelSchema = z.object({
  userId: id32Schema,
  stateKind: operatorStateKindSchema,
  breakStateId: id32Schema.nullish(),
  breakStateName: z.string().nullish(),
  isBreakStatePaid: z.boolean().nullish(),
  note: z.string().nullish(),
  changed: dateTimeSchema.nullish(),
  forced: z.boolean().nullish(),
});
export type OperatorStateModel = z.output<typeof operatorStateModelSchema>;

/**
 * `GET /api/v1/Users/operatorStates`. Sources disagree between a bare array and the paged wrapper
 * `OperatorStatesModel`; both are accepted and read as the array of states.
 */
export const operatorStatesResponseSchema = z
  .union([
    z.array(operatorStateModelSchema),
    z.object({
      lastModified: dateTimeSchema.nullish(),
      limit: z.number().int().nullish(),
      page: z.number().int().nullish(),
      totalCount: z.number().int().nullish(),
      data: z.array(operatorStateModelSchema),
    }),
  ])
  .transform((value) => (Array.isArray(value) ? value : value.data));
export type OperatorStatesResponse = z.output<typeof operatorStatesResponseSchema>;

/** `Users/StatusModel.cs` (UserStatusInfoModel). */
export const userStatusInfoModelSchema = z.object({
  userId: id32Schema,
  simplifiedStatus: userSimplifiedStatusSchema,
  availabilityStatus: userAvailabilityStatusSchema.nullish(),
  availabilityStatusReason: z.string().nullish(),
});
export type UserStatusInfoModel = z.output<typeof userStatusInfoModelSchema>;

/** An operator group (`Groups/GroupModel.cs`); listed at `GET /api/v1/Groups` (path unconfirmed). */
export const operatorGroupModelSchema = z.object({
  id: id32Schema,
  name: z.string().nullish(),
  created: dateTimeSchema.nullish(),
  type: operatorGroupTypeSchema.nullish(),
  departmentId: id32Schema.nullish(),
  userIds: z.array(id32Schema).nullish(),
});
export type OperatorGroupModel = z.output<typeof operatorGroupModelSchema>;

export const operatorGroupListSchema = z.array(operatorGroupModelSchema);

/**
 * A widget preset (`Widgets/WidgetPresetModel.cs`): on a v1 host the closest thing to a package.
 * Listed at `GET /api/v1/Widgets` (path unconfirmed).
 */
export const widgetPresetModelSchema = z.object({
  id: id32Schema,
  name: z.string().nullish(),
  buttonVisible: z.boolean().nullish(),
  departmentId: id32Schema.nullish(),
});
export type WidgetPresetModel = z.output<typeof widgetPresetModelSchema>;

export const widgetPresetListSchema = z.array(widgetPresetModelSchema);

/** `PUT /api/v1/Widgets/{id}/chatButton` (`Widgets/UpdateChatButtonModel.cs`, path unconfirmed). */
export const updateChatButtonModelSchema = z.object({ displayButton: z.boolean() });
export type UpdateChatButtonModel = z.output<typeof updateChatButtonModelSchema>;
