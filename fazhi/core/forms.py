"""Forms of the staff shell: login, password, organizations, users. Validation only, no writes."""
from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError

from fazhi.core import auth as throttle
from fazhi.core.choices import OrgKind, Role
from fazhi.core.models import Organization, Region, User
from fazhi.lib.validators import normalize_ascii, validate_credit_code


class LoginForm(AuthenticationForm):
    """Django's login form, in Chinese, refusing attempts while the username or IP is locked out."""

    username = forms.CharField(label="用户名", max_length=150,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
    password = forms.CharField(label="密码", strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    error_messages = {
        "invalid_login": "用户名或密码错误。",
        "inactive": "该账号已停用，请联系法治办管理员。",
    }

    def clean(self):
        username = (self.cleaned_data.get("username") or "").strip()
        ip = throttle.client_ip(self.request)
        remaining = throttle.lockout_remaining(username, ip)
        if remaining:
            throttle.log_login_failed(self.request, username, "locked")
            raise ValidationError(throttle.lockout_message(remaining), code="throttled")
        try:
            return super().clean()
        except ValidationError as exc:
            throttle.record_failure(username, ip)
            throttle.log_login_failed(self.request, username, "credentials")
            if getattr(exc, "code", None) == "invalid_login":
                raise ValidationError(throttle.failure_message(self.error_messages["invalid_login"], username, ip),
                                      code="invalid_login") from None
            raise


class OwnPasswordChangeForm(forms.Form):
    old_password = forms.CharField(label="原密码", strip=False,
                                   widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    new_password1 = forms.CharField(label="新密码", strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                    help_text="至少8位，不能全为数字，不能过于常见。")
    new_password2 = forms.CharField(label="确认新密码", strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_old_password(self):
        value = self.cleaned_data["old_password"]
        if not self.user.check_password(value):
            raise ValidationError("原密码不正确。")
        return value

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", "两次输入的新密码不一致。")
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except ValidationError as exc:
                self.add_error("new_password1", exc)
        return data


class SetPasswordForm(forms.Form):
    """An administrator sets a new password for a user (重置密码)."""

    new_password1 = forms.CharField(label="新密码", strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                    help_text="至少8位，不能全为数字，不能过于常见。")
    new_password2 = forms.CharField(label="确认新密码", strip=False,
                                    widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("new_password1"), data.get("new_password2")
        if p1 and p2 and p1 != p2:
            self.add_error("new_password2", "两次输入的密码不一致。")
        elif p1:
            try:
                password_validation.validate_password(p1, self.user)
            except ValidationError as exc:
                self.add_error("new_password1", exc)
        return data


class OrgChoiceField(forms.ModelChoiceField):
    """Organizations shown with indentation by depth, chosen by their public UUID code."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        depth = max(obj.path.count("/") - 2, 0)
        return "　" * depth + obj.name


class RegionChoiceField(forms.ModelChoiceField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("to_field_name", "code")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        return f"{obj.name}（{obj.code}）"


class OrganizationForm(forms.Form):
    name = forms.CharField(label="单位名称", max_length=128)
    short_name = forms.CharField(label="简称", max_length=32, required=False)
    kind = forms.ChoiceField(label="类别", choices=[("", "请选择类别"), *OrgKind.choices])
    parent = OrgChoiceField(label="上级单位", queryset=Organization.objects.none(), required=False,
                            empty_label="（无，顶级单位）")
    region = RegionChoiceField(label="所在区划", queryset=Region.objects.order_by("code"), empty_label="请选择区划")
    credit_code = forms.CharField(label="统一社会信用代码", max_length=40, required=False,
                                  help_text="18位，可留空；全角字符会自动转换。")
    sort_order = forms.IntegerField(label="排序", min_value=0, initial=0, required=False,
                                    help_text="数字越小越靠前。")
    is_active = forms.BooleanField(label="在用", required=False, initial=True)

    def __init__(self, *args, parents=None, allow_top=False, instance: Organization | None = None, **kwargs):
        self.instance = instance
        self.allow_top = allow_top
        super().__init__(*args, **kwargs)
        qs = parents if parents is not None else Organization.objects.none()
        if instance is not None and instance.pk:
            qs = qs.exclude(path__startswith=instance.path)
        self.fields["parent"].queryset = qs.order_by("path")
        if not allow_top:
            self.fields["parent"].required = True
            self.fields["parent"].error_messages["required"] = "请选择上级单位。"
            self.fields["parent"].empty_label = None
        if instance is None:
            del self.fields["is_active"]

    def clean_credit_code(self):
        value = normalize_ascii(self.cleaned_data.get("credit_code") or "").upper()
        if value:
            validate_credit_code(value)
            others = Organization.objects.filter(credit_code=value)
            if self.instance is not None and self.instance.pk:
                others = others.exclude(pk=self.instance.pk)
            if others.exists():
                raise ValidationError("该统一社会信用代码已被其他单位使用。")
        return value

    def clean_sort_order(self):
        return self.cleaned_data.get("sort_order") or 0

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is None and not self.allow_top:
            raise ValidationError("请选择上级单位。")
        return parent


ROLE_CHOICES = Role.choices


class UserCreateForm(forms.Form):
    username = forms.RegexField(label="用户名", max_length=150, regex=r"^[\w.@+-]+$",
                                error_messages={"invalid": "用户名只能包含字母、数字和 @/./+/-/_ 字符。"},
                                help_text="登录用，字母、数字或 @/./+/-/_。")
    name = forms.CharField(label="姓名", max_length=64)
    organization = OrgChoiceField(label="所在单位", queryset=Organization.objects.none(), empty_label="请选择单位")
    roles = forms.MultipleChoiceField(label="角色", choices=ROLE_CHOICES, widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "请至少选择一个角色。"})
    phone = forms.CharField(label="联系电话", max_length=32, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)
    password1 = forms.CharField(label="初始密码", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text="至少8位，不能全为数字，不能过于常见。")
    password2 = forms.CharField(label="确认初始密码", strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (organizations if organizations is not None
                                                else Organization.objects.none()).order_by("path")

    def clean_username(self):
        value = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=value).exists():
            raise ValidationError("该用户名已被使用。")
        return value

    def clean(self):
        data = super().clean()
        p1, p2 = data.get("password1"), data.get("password2")
        if p1 and p2 and p1 != p2:
            self.add_error("password2", "两次输入的密码不一致。")
        elif p1:
            try:
                password_validation.validate_password(p1, User(username=data.get("username", ""), name=data.get("name", "")))
            except ValidationError as exc:
                self.add_error("password1", exc)
        return data


class UserEditForm(forms.Form):
    name = forms.CharField(label="姓名", max_length=64)
    phone = forms.CharField(label="联系电话", max_length=32, required=False)
    email = forms.EmailField(label="电子邮箱", required=False)


class MembershipAddForm(forms.Form):
    organization = OrgChoiceField(label="单位", queryset=Organization.objects.none(), empty_label="请选择单位")
    role = forms.ChoiceField(label="角色", choices=[("", "请选择角色"), *ROLE_CHOICES])

    def __init__(self, *args, organizations=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = (organizations if organizations is not None
                                                else Organization.objects.none()).order_by("path")


class OrgFilterForm(forms.Form):
    q = forms.CharField(label="名称", required=False, max_length=64)
    kind = forms.ChoiceField(label="类别", required=False, choices=[("", "全部类别"), *OrgKind.choices])


class UserFilterForm(forms.Form):
    q = forms.CharField(label="姓名或用户名", required=False, max_length=64)
    role = forms.ChoiceField(label="角色", required=False, choices=[("", "全部角色"), *ROLE_CHOICES])
    active = forms.ChoiceField(label="状态", required=False,
                               choices=[("", "全部"), ("1", "在用"), ("0", "已停用")])


def apply_validation_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ValidationError onto the form: per field where the field exists, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
